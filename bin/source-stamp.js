// What dist/ is built from (src/, each file's path, size and time): bin/build.js writes it, bin/start.js compares it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const src = join(root, "src");
export const dist = join(root, "dist");
export const stampPath = join(dist, ".source-stamp");

/** Every file under `dir`, as paths. */
export function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

export function sourceStamp() {
  return filesUnder(src)
    .map((path) => {
      const stat = statSync(path);
      return `${relative(src, path)} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort()
    .join("\n");
}

/** Whether dist/ was built from src/ as it is now. */
export function distIsFresh() {
  try {
    return readFileSync(stampPath, "utf8") === sourceStamp();
  } catch {
    return false;
  }
}
