// The Dockerfile and compose.yaml, checked as text (no Docker engine here); built for real only where `docker info` works.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
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

  it("names a start file that `npm run build` writes", { timeout: 120_000 }, () => {
    execFileSync(process.execPath, [join(root, "bin", "build.js")], { cwd: root, stdio: "ignore" });
    expect(existsSync(join(root, "dist", "app", "main.js"))).toBe(true);
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
