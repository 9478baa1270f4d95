// The empty database PGlite's initdb makes, dumped once by `npm run db:make-seed` and shipped under src/db/seed/, so
// that a new embedded database is unpacked (~280 MB peak, 2-6 s) instead of initialised (initdb.wasm: ~800 MB peak).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the seeds live; the build copies them to dist/db/seed/ with the rest of src/. */
export const seedDir = fileURLToPath(new URL("./seed", import.meta.url));

/** A seed is named for the PGlite version that made it; another version may not read its files. */
export function seedFileName(pgliteVersion: string): string {
  return `pglite-${pgliteVersion}.tar.gz`;
}

/** The version of @electric-sql/pglite that this process imports (its package.json is not among its exports). */
export function installedPgliteVersion(): string {
  // createRequire: vitest's module runner has no import.meta.resolve. Either entry file lies in the same package.
  let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown; version?: unknown };
      if (parsed.name === "@electric-sql/pglite" && typeof parsed.version === "string") return parsed.version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find @electric-sql/pglite's package.json: run `npm ci`.");
    dir = parent;
  }
}

export type Seed = { found: true; blob: Blob; version: string } | { found: false; why: string };

/** The seed made by the installed PGlite, or why there is none (to log before initdb runs instead). */
export function readSeed(dir: string = seedDir): Seed {
  const version = installedPgliteVersion();
  const path = join(dir, seedFileName(version));
  if (existsSync(path)) return { found: true, blob: new Blob([readFileSync(path)]), version };
  const others = existsSync(dir) ? readdirSync(dir).filter((name) => /^pglite-.+\.tar\.gz$/.test(name)) : [];
  return {
    found: false,
    why:
      `no database seed for PGlite ${version} in ${dir}` +
      (others.length > 0 ? ` (there is ${others.join(", ")}, made by another PGlite version)` : "") +
      "; run `npm run db:make-seed` after upgrading PGlite",
  };
}
