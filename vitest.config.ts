// Tests run on PGlite by default; with DATABASE_URL set, every test database is a copy of a migrated PostgreSQL template.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    // A worker runs its files one after another in one process: the modules (Bolt, botbuilder, PGlite, ...) are
    // imported once per worker instead of once per file. No test mocks modules; each file makes its own app,
    // databases and fakes.
    isolate: false,
  },
});
