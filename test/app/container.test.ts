// The Dockerfile and compose.yaml, checked as text (no Docker engine here); built for real only where `docker info` works.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "..", "..");
const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
const dockerWorks = spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;

describe("container", () => {
  it("builds in one stage and runs dist/app/main.js as a non-root user with a node healthcheck", () => {
    expect(dockerfile.match(/^FROM .+ AS \w+$/gm)?.length).toBe(2);
    expect(dockerfile).toMatch(/RUN npm ci\n/);
    expect(dockerfile).toContain("RUN npm run build");
    expect(dockerfile).toContain("npm ci --omit=dev");
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*fetch\(.*\/healthz/m);
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd!)).toEqual(["node", "dist/app/main.js"]);
  });

  it("names a start file that `npm run build` writes, with the migrations beside it", {
    timeout: 120_000,
  }, () => {
    execFileSync(process.execPath, [join(root, "bin", "build.js")], { cwd: root, stdio: "ignore" });
    expect(existsSync(join(root, "dist", "app", "main.js"))).toBe(true);
    // The image runs dist/ only: the migrator reads the SQL and drizzle's journal next to dist/db/migrate.js.
    const sql = readdirSync(join(root, "src", "db", "migrations")).filter((f) => f.endsWith(".sql"));
    expect(sql.length).toBeGreaterThan(0);
    for (const file of [...sql, "meta/_journal.json"]) {
      expect(existsSync(join(root, "dist", "db", "migrations", file)), file).toBe(true);
    }
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    for (const copied of ["/app/dist ./dist", "bin ./bin", "package.json"]) expect(runtime).toContain(copied);
  });

  it("runs the collab CLI from dist/ where there are no sources, as in the image", {
    timeout: 120_000,
  }, () => {
    // The runtime stage's files: bin/, dist/ (built by the test above), package.json and the dependencies.
    const image = mkdtempSync(join(tmpdir(), "collab-image-"));
    try {
      cpSync(join(root, "bin"), join(image, "bin"), { recursive: true });
      cpSync(join(root, "dist"), join(image, "dist"), { recursive: true });
      cpSync(join(root, "package.json"), join(image, "package.json"));
      symlinkSync(join(root, "node_modules"), join(image, "node_modules"), "dir");
      const run = spawnSync(process.execPath, [join(image, "bin", "collab.js"), "--help"], {
        cwd: image,
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("Usage: collab");
    } finally {
      rmSync(image, { recursive: true, force: true });
    }
  });

  it("composes PostgreSQL with a healthcheck and a volume, and the bot pointed at it", () => {
    const compose = parse(readFileSync(join(root, "compose.yaml"), "utf8")) as {
      services: Record<string, Record<string, unknown>>;
      volumes: Record<string, unknown>;
    };
    const { db, bot } = compose.services;
    expect(db?.image).toMatch(/^postgres:/);
    expect(db?.healthcheck).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain("pgdata");
    expect(((bot?.environment ?? {}) as Record<string, string>).DATABASE_URL).toMatch(
      /^postgres:\/\/.+@db:5432\//,
    );
    expect(((bot?.depends_on ?? {}) as Record<string, { condition: string }>).db?.condition).toBe(
      "service_healthy",
    );
  });

  it.skipIf(!dockerWorks)("builds the image", { timeout: 600_000 }, () => {
    execFileSync("docker", ["build", "-t", "collab-bot:test", root], { stdio: "ignore" });
  });
  if (!dockerWorks)
    console.log("container.test.ts: `docker info` failed (no Docker engine here), so the image is not built");
});
