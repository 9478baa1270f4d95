#!/usr/bin/env node
// The `collab` command: lets Node load the TypeScript sources through tsx, then runs the CLI.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
