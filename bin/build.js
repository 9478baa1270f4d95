#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/ (types stripped, no type check: `npm run typecheck` does that) for `npm start`.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { dist, filesUnder, sourceStamp, src } from "./source-stamp.js";

export function build() {
  const stamp = sourceStamp();
  const out = `${dist}.${process.pid}`;
  rmSync(out, { recursive: true, force: true });
  for (const path of filesUnder(src)) {
    const target = join(out, relative(src, path));
    mkdirSync(dirname(target), { recursive: true });
    if (!path.endsWith(".ts")) {
      cpSync(path, target);
      continue;
    }
    const { outputText } = ts.transpileModule(readFileSync(path, "utf8"), {
      fileName: path,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ES2022,
        verbatimModuleSyntax: true,
        rewriteRelativeImportExtensions: true,
      },
    });
    writeFileSync(target.replace(/\.ts$/, ".js"), outputText);
  }
  writeFileSync(join(out, ".source-stamp"), stamp);
  // Two starts building at once: the second to finish replaces the first's (same sources) copy.
  for (let attempt = 0; ; attempt++) {
    rmSync(dist, { recursive: true, force: true });
    try {
      renameSync(out, dist);
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
