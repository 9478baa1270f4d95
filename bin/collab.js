#!/usr/bin/env node
// The `collab` command: runs the CLI as plain JavaScript from dist/, built first when src/ changed (bin/run-built.js);
// through tsx it took ~60 MB more, which a `collab chat` left open all day pays for.
import { setFlagsFromString } from "node:v8";
import { runBuilt } from "./run-built.js";

// PGlite's WASM compiled by V8's baseline compiler only: its optimised second tier kept ~70 MB of machine code, and
// the CLI's short runs finished sooner without it (200 small queries: 1.7 → 0.7 s). Set before PGlite compiles.
setFlagsFromString("--liftoff-only");

await runBuilt("cli/main");
