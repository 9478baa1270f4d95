// `npm run db:make-seed`: dumps the empty database that the installed PGlite's initdb makes to src/db/seed/, named for
// that version, checks that it opens as the bot opens it, and removes the seeds of other versions. Run it after
// upgrading PGlite and commit the file: it is committed, not made at install, because making it runs initdb (~800 MB,
// what a 1 GB VM cannot spare) and install scripts may be turned off; the Docker image gets it with dist/.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  installedPgliteVersion,
  readSeed,
  seedDir,
  seedFileName,
  unpackSeed,
} from "../src/db/pglite-seed.ts";

const version = installedPgliteVersion();
const started = Date.now();
// In memory: initdb exactly as PGlite runs it for a new data directory, without any of our settings or migrations.
const fresh = await PGlite.create({});
const dump = await fresh.dumpDataDir("gzip");
await fresh.close();
const name = seedFileName(version);
writeFileSync(join(seedDir, name), Buffer.from(await dump.arrayBuffer()));

const seed = readSeed();
if (!seed.found) throw new Error(`The seed just written cannot be read: ${seed.why}`);
// Opened as the bot opens a new data directory: unpacked by src/db/pglite-seed.ts, then resumed by PGlite.
const dataDir = mkdtempSync(join(tmpdir(), "collab-seed-check-"));
let answer: { rows: { version: string }[] };
try {
  await unpackSeed(seed.path, dataDir);
  const loaded = await PGlite.create({ dataDir });
  answer = await loaded.query<{ version: string }>("select version()");
  await loaded.close();
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

for (const other of readdirSync(seedDir)) {
  if (other !== name && /^pglite-.+\.tar\.gz$/.test(other)) {
    rmSync(join(seedDir, other));
    console.log(`Removed ${other}`);
  }
}
console.log(
  `Wrote src/db/seed/${name} (${(dump.size / 2 ** 20).toFixed(1)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `it loads: ${answer.rows[0]?.version.split(" on ")[0]}`,
);
