// The empty database PGlite's initdb makes, dumped once by `npm run db:make-seed` and shipped under src/db/seed/, so
// that a new embedded database is unpacked in a fraction of a second instead of initialised (initdb.wasm: ~800 MB).
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

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

export type Seed = { found: true; path: string; version: string } | { found: false; why: string };

/** The seed made by the installed PGlite, or why there is none (to log before initdb runs instead). */
export function readSeed(dir: string = seedDir): Seed {
  const version = installedPgliteVersion();
  const path = join(dir, seedFileName(version));
  if (existsSync(path)) return { found: true, path, version };
  const others = existsSync(dir) ? readdirSync(dir).filter((name) => /^pglite-.+\.tar\.gz$/.test(name)) : [];
  return {
    found: false,
    why:
      `no database seed for PGlite ${version} in ${dir}` +
      (others.length > 0 ? ` (there is ${others.join(", ")}, made by another PGlite version)` : "") +
      "; run `npm run db:make-seed` after upgrading PGlite",
  };
}

/** A string field of a tar header: up to its first NUL. */
function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString("utf8");
}

/**
 * Writes a seed (PGlite's dumpDataDir: a gzipped ustar archive of directories and files) into an empty data
 * directory with Node's own file system calls. PGlite's `loadDataDir` does the same inside its WASM instance, but that
 * leaves ~130 MB more resident in a process that then stays up for months.
 */
export function unpackSeed(seedPath: string, dataDir: string): void {
  const tar = gunzipSync(readFileSync(seedPath));
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    if (field(header, 257, 5) !== "ustar") throw new Error(`${seedPath} is not a ustar archive`);
    const name = [field(header, 345, 155), field(header, 0, 100)].filter(Boolean).join("/");
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const mtime = Number.parseInt(field(header, 136, 12).trim() || "0", 8);
    const type = field(header, 156, 1) || "0";
    const relative = normalize(name).replace(/^[/\\]+/, "");
    if (relative.split(sep).includes(".."))
      throw new Error(`${seedPath} names a path outside the data directory`);
    const target = join(dataDir, relative);
    const start = offset + 512;
    if (start + size > tar.length) throw new Error(`${seedPath} is truncated`);
    if (type === "5") {
      mkdirSync(target, { recursive: true, mode: 0o700 });
    } else if (type === "0") {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeFileSync(target, tar.subarray(start, start + size), { mode: 0o600 });
      if (mtime > 0) utimesSync(target, mtime, mtime);
    } else {
      throw new Error(
        `${seedPath} holds an entry of type ${type} (${name}): only files and directories are expected`,
      );
    }
    offset = start + Math.ceil(size / 512) * 512;
  }
  if (!existsSync(join(dataDir, "PG_VERSION")))
    throw new Error(`${seedPath} holds no PostgreSQL data directory`);
}
