// `collab teams package`: the zip Teams takes, checked against Teams' own manifest schema; bad input exits 2.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { runCli } from "../../src/cli/run.ts";
import { fixture } from "../helpers/cli.ts";
import { startTestApp } from "../helpers/test-app.ts";

// Both are CommonJS with `exports.default`; under Node's ESM interop the class is on .default.
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;
const BOT_ID = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const dir = mkdtempSync(join(tmpdir(), "collab-teams-"));

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string }[] }[];
  }[];
  validDomains: string[];
}

async function collab(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { LOG_LEVEL: "silent" },
  });
  return { code, stdout, stderr };
}

/** Every entry of a zip file, by name. */
function unzip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

async function packageFor(
  args: string[],
  name: string,
): Promise<{ files: Map<string, Buffer>; manifest: Manifest }> {
  const output = join(dir, name);
  const run = await collab(["teams", "package", ...args, "--output", output]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(output);
  const files = await unzip(output);
  return { files, manifest: JSON.parse(files.get("manifest.json")!.toString("utf8")) as Manifest };
}

describe("collab teams package", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a zip whose manifest Teams' schema accepts, with the bot id, the domain and icons of the right kind", async () => {
    const { files, manifest } = await packageFor(
      ["--app-id", BOT_ID, "--domain", "collab.example.org"],
      "a.zip",
    );
    expect([...files.keys()].sort()).toEqual(["color.png", "manifest.json", "outline.png"]);

    const schema = JSON.parse(
      readFileSync(fixture("teams/MicrosoftTeams.schema.v1.22.json"), "utf8"),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json",
    );
    expect(manifest.manifestVersion).toBe("1.22");

    // The app's id and the bot's App ID are different things; the bot is the Azure Bot that was given.
    expect(manifest.bots[0]!.botId).toBe(BOT_ID);
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(manifest.id).not.toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(["collab.example.org"]);
    expect(manifest.developer.websiteUrl).toBe("https://collab.example.org/");

    const color = PNG.sync.read(files.get(manifest.icons.color)!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(files.get(manifest.icons.outline)!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // The outline icon is white on a transparent background: every pixel is either see-through or white.
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [
        outline.data[i]!,
        outline.data[i + 1]!,
        outline.data[i + 2]!,
        outline.data[i + 3]!,
      ];
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(outline.width * outline.height * 0.3);
    expect(outline.data[3]).toBe(0);
  });

  it("keeps the app id stable for one bot, different for another, and takes an explicit one", async () => {
    const first = await packageFor(["--app-id", BOT_ID, "--domain", "a.example.org"], "b1.zip");
    const again = await packageFor(["--app-id", BOT_ID.toUpperCase(), "--domain", "b.example.org"], "b2.zip");
    expect(again.manifest.id).toBe(first.manifest.id);
    const other = await packageFor(
      ["--app-id", "9a1c1a4e-0000-4000-8000-000000000001", "--domain", "a.example.org"],
      "b3.zip",
    );
    expect(other.manifest.id).not.toBe(first.manifest.id);
    const explicit = await packageFor(
      [
        "--app-id",
        BOT_ID,
        "--domain",
        "a.example.org",
        "--teams-app-id",
        "11111111-2222-4333-8444-555555555555",
      ],
      "b4.zip",
    );
    expect(explicit.manifest.id).toBe("11111111-2222-4333-8444-555555555555");
    // Same input, same bytes: a package can be rebuilt and compared.
    await packageFor(["--app-id", BOT_ID, "--domain", "a.example.org"], "b5.zip");
    expect(readFileSync(join(dir, "b5.zip")).equals(readFileSync(join(dir, "b1.zip")))).toBe(true);
  });

  it("lists at most ten commands per scope, each one the bot answers", async () => {
    const { manifest } = await packageFor(["--app-id", BOT_ID, "--domain", "collab.example.org"], "c.zip");
    const t = await startTestApp();
    try {
      const known = new Set(t.app.core.commands().flatMap((c) => [c.name, ...(c.aliases ?? [])]));
      const lists = manifest.bots[0]!.commandLists;
      expect(lists.flatMap((l) => l.scopes).sort()).toEqual(["groupChat", "personal", "team"]);
      for (const list of lists) {
        expect(list.commands.length).toBeLessThanOrEqual(10);
        for (const command of list.commands) expect(known).toContain(command.title.split(" ")[0]);
      }
      const personal = lists.find((l) => l.scopes.includes("personal"))!.commands.map((c) => c.title);
      expect(personal).toEqual(
        expect.arrayContaining(["help", "find-collaborator", "profile", "partnerships"]),
      );
    } finally {
      await t.close();
    }
  });

  it.each([
    [["--domain", "collab.example.org"], /--app-id/],
    [["--app-id", "not-a-guid", "--domain", "collab.example.org"], /--app-id must be .*GUID/],
    [
      ["--app-id", BOT_ID, "--domain", "https://collab.example.org"],
      /--domain must be a host name.*without https:\/\//,
    ],
    [["--app-id", BOT_ID, "--domain", "collab.example.org/bot"], /--domain must be a host name/],
    [
      ["--app-id", BOT_ID, "--domain", "collab.example.org", "--privacy-url", "http://x.org"],
      /--privacy-url/,
    ],
  ])("exits 2 with one line for bad input %j", async (args, reason) => {
    const run = await collab(["teams", "package", ...args, "--output", join(dir, "bad.zip")]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(reason);
  });
});
