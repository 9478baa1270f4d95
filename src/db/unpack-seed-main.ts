// Child-process entry of unpackSeedApart (src/db/pglite-seed.ts): `node unpack-seed-main.js <seed> <data dir>`.
import { unpackSeed } from "./pglite-seed.ts";

const [seedPath, dataDir] = process.argv.slice(2);
if (!seedPath || !dataDir) throw new Error("usage: unpack-seed-main <seed.tar.gz> <data directory>");
await unpackSeed(seedPath, dataDir);
