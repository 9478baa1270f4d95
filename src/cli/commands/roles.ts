// `collab role` and `collab programme`: the operator's side of access control, every change audited as from the CLI.
import type { Command } from "commander";
import { listProgrammeTenants, setProgrammeTenant, type TenantLink } from "../../db/programme-tenants.ts";
import { createRoleStore } from "../../db/role-store.ts";
import { slackInstallationOf } from "../../db/slack-installation-store.ts";
import type { CliContext } from "../context.ts";
import { UsageError } from "../errors.ts";

const byCli = { actor: "cli", platform: "cli" };

function parseRole(role: string): "admin" | "coordinator" {
  const r = role.toLowerCase();
  if (r === "admin" || r === "coordinator") return r;
  throw new UsageError(`Unknown role "${role}": use admin or coordinator.`);
}

function parseLink(text: string): TenantLink {
  const match = /^(slack|teams):(\S+)$/i.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `"${text}" is not a workspace or tenant: use slack:<team id, e.g. T0123ABCD> or teams:<tenant id>.`,
    );
  }
  return { platform: match[1]!.toLowerCase() === "teams" ? "teams" : "slack", tenantId: match[2]! };
}

function registerRole(program: Command, context: CliContext): void {
  const role = program.command("role").description("grant, revoke and list the admin and coordinator roles");
  for (const grant of [true, false]) {
    role
      .command(grant ? "grant" : "revoke")
      .description(
        grant ? "give a person a role (coordinator needs a programme)" : "take a role away from a person",
      )
      .argument("<role>", "admin or coordinator")
      .argument("<email>", "the person's email address")
      .argument("[programme...]", "for coordinator: the programme's name")
      .action(async (roleName: string, email: string, programme: string[]) => {
        const parsed = parseRole(roleName);
        const name = programme.join(" ");
        if (parsed === "coordinator" && name === "")
          throw new UsageError("Name the programme to coordinate.");
        const outcome = await context.withDatabase((database) =>
          createRoleStore(database.db).change({
            role: parsed,
            email,
            ...(parsed === "coordinator" ? { programme: name } : {}),
            grant,
            by: byCli,
          }),
        );
        if (!outcome.ok) {
          const reasons = {
            "no-person": `No person with email ${email}.`,
            "no-programme": `No programme called "${name}".`,
            "last-admin": `${email} is the last admin: grant admin to someone else first.`,
          };
          throw new UsageError(reasons[outcome.reason]);
        }
        const what = parsed === "admin" ? "admin" : `coordinator of ${outcome.programme}`;
        context.out(
          outcome.changed
            ? `${outcome.person}: ${grant ? "now" : "no longer"} ${what}.`
            : `${outcome.person}: unchanged (${grant ? "already" : "not"} ${what}).`,
        );
      });
  }
  role
    .command("list")
    .description("admins, and the coordinators of every programme")
    .action(async () => {
      const { admins, coordinators } = await context.withDatabase((database) =>
        createRoleStore(database.db).list(),
      );
      for (const admin of admins) context.out(`admin\t${admin.email}\t${admin.name}`);
      for (const c of coordinators) context.out(`coordinator\t${c.email}\t${c.name}\t${c.programme}`);
    });
}

function registerProgramme(program: Command, context: CliContext): void {
  const programme = program
    .command("programme")
    .description("which Slack workspaces and Teams tenants may see a programme (none linked: all may)");
  for (const linked of [true, false]) {
    programme
      .command(linked ? "link" : "unlink")
      .description(linked ? "let a workspace or tenant see the programme" : "remove a workspace or tenant")
      .argument("<workspace>", "slack:<team id> or teams:<tenant id>")
      .argument("<programme...>", "the programme's name")
      .action(async (workspace: string, name: string[]) => {
        const link = parseLink(workspace);
        const [changed, installation] = await context.withDatabase(async (database) => [
          await setProgrammeTenant(database.db, { programme: name.join(" "), link, linked, by: byCli }),
          link.platform === "slack" && linked
            ? await slackInstallationOf(database.db, link.tenantId)
            : "unused",
        ]);
        if (changed === null) throw new UsageError(`No programme called "${name.join(" ")}".`);
        if (installation === "missing") {
          // Linked all the same (the install may come later), but nobody there is reached until then.
          context.err(
            `Note: the Slack app is not installed in ${link.tenantId} yet: an admin of that workspace installs it at /slack/install.`,
          );
        }
        context.out(
          `${name.join(" ")}: ${changed ? (linked ? "linked to" : "unlinked from") : "unchanged for"} ${link.platform}:${link.tenantId}.`,
        );
      });
  }
  programme
    .command("list")
    .description("programmes and the workspaces and tenants that may see them")
    .action(async () => {
      const rows = await context.withDatabase((database) => listProgrammeTenants(database.db));
      for (const row of rows) {
        const links = row.links.map((l) => `${l.platform}:${l.tenantId}`).join(" ");
        context.out(`${row.name}\t${links || "(every workspace and tenant)"}`);
      }
    });
}

export function register(program: Command, context: CliContext): void {
  registerRole(program, context);
  registerProgramme(program, context);
}
