// The empty database PGlite's initdb makes, dumped once by `npm run db:make-seed` and shipped under src/db/seed/, so
// that a new embedded database is unpacked in a fraction of a second instead of initialised (initdb.wasm: ~800 MB).
import { execFile } from "node:child_process";
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createGunzip } from "node:zlib";

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

interface Entry {
  /** The file being written; null for a directory. */
  fd: number | null;
  target: string;
  mtime: number;
  /** Bytes of data still to come, then of padding to the next 512-byte block. */
  left: number;
  pad: number;
}

/** Makes the directory, or opens the file, that a tar header names. */
function beginEntry(header: Buffer, seedPath: string, dataDir: string): Entry {
  if (field(header, 257, 5) !== "ustar") throw new Error(`${seedPath} is not a ustar archive`);
  const name = [field(header, 345, 155), field(header, 0, 100)].filter(Boolean).join("/");
  const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
  const mtime = Number.parseInt(field(header, 136, 12).trim() || "0", 8);
  const type = field(header, 156, 1) || "0";
  const relative = normalize(name).replace(/^[/\\]+/, "");
  if (relative.split(sep).includes(".."))
    throw new Error(`${seedPath} names a path outside the data directory`);
  const target = join(dataDir, relative);
  const pad = (512 - (size % 512)) % 512;
  if (type === "5") {
    mkdirSync(target, { recursive: true, mode: 0o700 });
    return { fd: null, target, mtime, left: size, pad };
  }
  if (type !== "0") {
    throw new Error(
      `${seedPath} holds an entry of type ${type} (${name}): only files and directories are expected`,
    );
  }
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  return { fd: openSync(target, "w", 0o600), target, mtime, left: size, pad };
}

function endEntry(entry: Entry): void {
  if (entry.fd === null) return;
  closeSync(entry.fd);
  entry.fd = null;
  if (entry.mtime > 0) utimesSync(entry.target, entry.mtime, entry.mtime);
}

/**
 * Writes a seed (PGlite's dumpDataDir: a gzipped ustar archive of directories and files) into an empty data
 * directory with Node's own file calls, streaming. PGlite's `loadDataDir` does the same inside its WASM instance,
 * which left the server ~130 MB larger for as long as it runs.
 */
export async function unpackSeed(seedPath: string, dataDir: string): Promise<void> {
  let header = Buffer.alloc(0);
  let entry: Entry | undefined;
  let ended = false;
  try {
    for await (const chunk of createReadStream(seedPath).pipe(createGunzip()) as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length && !ended) {
        if (entry) {
          const data = Math.min(entry.left, chunk.length - at);
          if (entry.fd !== null) writeSync(entry.fd, chunk, at, data);
          entry.left -= data;
          at += data;
          if (entry.left > 0) continue;
          endEntry(entry);
          const pad = Math.min(entry.pad, chunk.length - at);
          entry.pad -= pad;
          at += pad;
          if (entry.pad === 0) entry = undefined;
          continue;
        }
        const take = Math.min(512 - header.length, chunk.length - at);
        header = Buffer.concat([header, chunk.subarray(at, at + take)]);
        at += take;
        if (header.length < 512) continue;
        if (header.every((byte) => byte === 0)) ended = true;
        else entry = beginEntry(header, seedPath, dataDir);
        header = Buffer.alloc(0);
      }
      if (ended) break;
    }
  } finally {
    if (entry) endEntry(entry);
  }
  if (!ended) throw new Error(`${seedPath} is truncated`);
  if (!existsSync(join(dataDir, "PG_VERSION")))
    throw new Error(`${seedPath} holds no PostgreSQL data directory`);
}

/**
 * unpackSeed in a child process: even streamed, unpacking leaves ~20 MB of freed buffers resident in the process
 * that did it (measured: 46 → 66 MB RSS before PGlite opens; whole in memory, 46 → 131 MB), which a server keeps.
 */
export async function unpackSeedApart(seedPath: string, dataDir: string): Promise<void> {
  const main = fileURLToPath(
    new URL(`./unpack-seed-main${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
  );
  // Run from the TypeScript sources (tests, tsx) the child needs tsx too; from dist/ it is plain JavaScript.
  const args = main.endsWith(".ts") ? ["--import", "tsx", main] : [main];
  await promisify(execFile)(process.execPath, [...args, seedPath, dataDir], { timeout: 120_000 });
}
