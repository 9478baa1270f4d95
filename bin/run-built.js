// Runs an entry point of src/ as plain JavaScript from dist/, built first when src/ changed; tsx only without TypeScript.
// Plain JavaScript because tsx's loader runs in a second V8 thread and keeps every transpiled file: ~80 MB of RSS.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { dist, distIsFresh, root, src } from "./source-stamp.js";

function canBuild() {
  try {
    createRequire(import.meta.url).resolve("typescript");
    return true;
  } catch {
    return false;
  }
}

/**
 * Imports src/<entry>.ts's build. The build runs in its own process, so that the compiler's memory is not ours; its
 * output goes to stderr, so that a command's stdout stays its own. A build that succeeded is used even if a source
 * changed meanwhile: it is what was there when the command ran.
 */
export async function runBuilt(entry) {
  // Without src/ (the container image ships dist/ only) the build is all there is.
  let useDist = distIsFresh() || (!existsSync(src) && existsSync(join(dist, `${entry}.js`)));
  if (!useDist && canBuild()) {
    const built = spawnSync(process.execPath, [join(root, "bin", "build.js")], {
      stdio: ["ignore", 2, "inherit"],
    });
    useDist = built.status === 0;
    if (!useDist) process.stderr.write("Could not build dist/: running the TypeScript sources with tsx.\n");
  }
  if (useDist) {
    await import(pathToFileURL(join(dist, `${entry}.js`)).href);
  } else {
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(join(root, "src", `${entry}.ts`)).href);
  }
}
