// Drives `collab chat` in-process through its streams: type a line, wait for what the bot writes back.
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, expect } from "vitest";
import { runCli } from "../../src/cli/run.ts";
import { runWith } from "./cli.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export interface ChatDriver {
  /** Everything the chat has written so far. */
  readonly transcript: string;
  /** Types a line (Enter included). */
  type(line: string): void;
  /** Waits until the chat has written `pattern` after everything seen by the previous wait; returns that text. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Ends the input (Ctrl-D) and resolves with the exit code and stderr. */
  close(): Promise<{ code: number; stderr: string }>;
}

export function envFor(database: TestDatabase): Record<string, string> {
  return database.url
    ? { LOG_LEVEL: "silent", DATABASE_URL: database.url }
    : { LOG_LEVEL: "silent", DATA_DIR: "/nonexistent/collab-test" };
}

export interface ChatOptions {
  /** More arguments after `chat --as <email>`, e.g. `--force`. */
  args?: string[];
  /** More environment, e.g. NODE_ENV. */
  env?: Record<string, string>;
}

export function openChat(database: TestDatabase, email: string, options: ChatOptions = {}): ChatDriver {
  const input = new PassThrough();
  const output = new PassThrough();
  let transcript = "";
  let stderr = "";
  let seen = 0;
  output.on("data", (chunk: Buffer) => {
    transcript += chunk.toString("utf8");
  });
  const done = runCli(
    ["chat", "--as", email, ...(options.args ?? [])],
    {
      stdout: (text) => {
        transcript += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env: { ...envFor(database), ...options.env },
      terminal: { input, output },
    },
    { openDatabase: async () => database, closeDatabase: async () => {} },
  );
  let finished = false;
  void done.then(() => {
    finished = true;
  });

  return {
    get transcript() {
      return transcript;
    },
    type(line) {
      input.write(`${line}\n`);
    },
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const fresh = transcript.slice(seen);
        const match = typeof pattern === "string" ? fresh.indexOf(pattern) : fresh.search(pattern);
        if (match >= 0) {
          const length =
            typeof pattern === "string"
              ? pattern.length
              : (fresh.slice(match).match(pattern)?.[0].length ?? 0);
          seen += match + length;
          return fresh.slice(0, match + length);
        }
        if (finished || Date.now() > deadline) {
          throw new Error(
            `the chat did not write ${String(pattern)}; it wrote:\n${transcript}\nstderr:\n${stderr}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      input.end();
      const code = await done;
      return { code, stderr };
    },
  };
}

/** A database loaded by `collab demo`, fresh for each test of the describe block that calls this. */
export function useDemoDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    database = await createTestDatabase();
    expect((await runWith(database, ["demo"])).code).toBe(0);
  });
  afterEach(async () => {
    await database?.close();
  });
  return () => database!;
}
