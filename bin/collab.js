#!/usr/bin/env node
// The `collab` command: the TypeScript sources through tsx in a checkout; the built dist/ where there are no sources
// (the container image ships dist/ only, so `docker compose exec bot npx collab migrate` runs the same CLI).
import { existsSync } from "node:fs";

const sources = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(sources.href);
} else {
  await import(new URL("../dist/cli/main.js", import.meta.url).href);
}
