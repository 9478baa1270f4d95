// `collab teams package`: builds the Teams app package (manifest.json and the two icons, zipped) to upload to Teams.
import { createHash } from "node:crypto";
import { createWriteStream, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { ZipFile } from "yazl";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

const templateDir = new URL("../../../manifests/teams/", import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A host name as Teams takes it in validDomains: labels and dots, no scheme, port or path.
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
// Fixed so that the same input gives the same zip, byte for byte.
const ZIP_TIME = new Date("2024-01-01T00:00:00Z");

export interface TeamsPackageInput {
  /** The Azure Bot's Microsoft App ID: the bot's id in the manifest. */
  botAppId: string;
  /** Where the bot is reached, e.g. collab.example.org. */
  domain: string;
  /** The Teams app's own id; derived from the bot's App ID when not given. */
  teamsAppId?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsUrl?: string;
}

interface ManifestTemplate {
  id: string;
  version: string;
  developer: Record<string, unknown>;
  icons: { color: string; outline: string };
  bots: ({ botId: string } & Record<string, unknown>)[];
  validDomains: string[];
  [key: string]: unknown;
}

/**
 * The app's own id, stable for one bot: Teams replaces an uploaded app only when the id is the same, so packaging
 * again (a new version, a new domain) must not make a second app; and it is not the bot's App ID, which Teams
 * treats as a separate thing (the Teams Toolkit keeps TEAMS_APP_ID and BOT_ID apart). A name-based UUID (v5 layout).
 */
export function teamsAppIdFor(botAppId: string): string {
  const bytes = createHash("sha1")
    .update(`collab-bot teams app\n${botAppId.toLowerCase()}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function checkUrl(option: string, value: string | undefined): void {
  if (value === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "https:") throw new UsageError(`${option} must be an https:// URL (got "${value}").`);
}

export function checkTeamsPackageInput(input: TeamsPackageInput): void {
  if (!GUID.test(input.botAppId)) {
    throw new UsageError(
      `--app-id must be the bot's Microsoft App ID, a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 (got "${input.botAppId}"): copy it from the Azure Bot's Configuration page.`,
    );
  }
  if (input.teamsAppId !== undefined && !GUID.test(input.teamsAppId)) {
    throw new UsageError(`--teams-app-id must be a GUID (got "${input.teamsAppId}").`);
  }
  if (!HOST.test(input.domain)) {
    throw new UsageError(
      `--domain must be a host name such as collab.example.org, without https://, port or path (got "${input.domain}").`,
    );
  }
  checkUrl("--website-url", input.websiteUrl);
  checkUrl("--privacy-url", input.privacyUrl);
  checkUrl("--terms-url", input.termsUrl);
}

/** manifests/teams/manifest.json with this installation's ids, domain and links filled in. */
export function teamsManifest(input: TeamsPackageInput, version: string): ManifestTemplate {
  checkTeamsPackageInput(input);
  const template = JSON.parse(
    readFileSync(new URL("manifest.json", templateDir), "utf8"),
  ) as ManifestTemplate;
  const site = input.websiteUrl ?? `https://${input.domain}/`;
  return {
    ...template,
    id: input.teamsAppId ?? teamsAppIdFor(input.botAppId),
    version,
    developer: {
      ...template.developer,
      websiteUrl: site,
      privacyUrl: input.privacyUrl ?? site,
      termsOfUseUrl: input.termsUrl ?? site,
    },
    bots: template.bots.map((bot) => ({ ...bot, botId: input.botAppId })),
    // The bot needs no tab or sign-in page, so no webApplicationInfo; the domain is listed for cards' links.
    validDomains: [input.domain.toLowerCase()],
  };
}

/** Writes the zip Teams takes: manifest.json and the icons at the root, nothing else. */
export async function writeTeamsPackage(
  input: TeamsPackageInput,
  version: string,
  output: string,
): Promise<void> {
  const manifest = teamsManifest(input, version);
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), "manifest.json", { mtime: ZIP_TIME });
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.addBuffer(readFileSync(new URL(icon, templateDir)), icon, { mtime: ZIP_TIME });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(output));
}

function packageVersion(): string {
  const text = readFileSync(new URL("../../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version?: string }).version ?? "0.1.0";
}

export function register(program: Command, context: CliContext): void {
  const teams = program.command("teams").description("Microsoft Teams: build the app package to upload");
  teams
    .command("package")
    .description("write collab-teams.zip (manifest.json, color.png, outline.png) for Teams' Upload an app")
    .requiredOption("--app-id <guid>", "the Azure Bot's Microsoft App ID (MICROSOFT_APP_ID)")
    .requiredOption("--domain <host>", "the bot's public host name, e.g. collab.example.org")
    .option("--teams-app-id <guid>", "the Teams app's own id (default: derived from --app-id, stable)")
    .option("--website-url <url>", "the developer website shown in Teams (default: https://<domain>/)")
    .option("--privacy-url <url>", "your privacy statement (default: the website)")
    .option("--terms-url <url>", "your terms of use (default: the website)")
    .option("-o, --output <file>", "where to write the package", "collab-teams.zip")
    .action(
      async (options: {
        appId: string;
        domain: string;
        teamsAppId?: string;
        websiteUrl?: string;
        privacyUrl?: string;
        termsUrl?: string;
        output: string;
      }) => {
        const input: TeamsPackageInput = {
          botAppId: options.appId,
          domain: options.domain,
          ...(options.teamsAppId ? { teamsAppId: options.teamsAppId } : {}),
          ...(options.websiteUrl ? { websiteUrl: options.websiteUrl } : {}),
          ...(options.privacyUrl ? { privacyUrl: options.privacyUrl } : {}),
          ...(options.termsUrl ? { termsUrl: options.termsUrl } : {}),
        };
        checkTeamsPackageInput(input);
        const output = resolve(options.output);
        await writeTeamsPackage(input, packageVersion(), output);
        context.out(
          `Wrote ${output} (Teams app id ${input.teamsAppId ?? teamsAppIdFor(input.botAppId)}, bot ${input.botAppId}, domain ${input.domain}). Upload it in Teams: Apps → Manage your apps → Upload an app, or in the Teams admin centre for the whole tenant.`,
        );
      },
    );
}
