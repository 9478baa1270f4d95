// Child-process entry of unpackSeedApart (src/db/pglite-seed.ts): `node unpack-seed-main.js <seed> <data dir>`
// unpacks the seed, then applies this build's migrations, so that the server's WASM memory never holds the DDL.
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { migrationsFolder } from "./migrate.ts";
import { unpackSeed } from "./pglite-seed.ts";

const [seedPath, dataDir] = process.argv.slice(2);
if (!seedPath || !dataDir) throw new Error("usage: unpack-seed-main <seed.tar.gz> <data directory>");
await unpackSeed(seedPath, dataDir);
const client = await PGlite.create({ dataDir });
try {
  await migrate(drizzle(client), { migrationsFolder });
} finally {
  await client.close();
}
