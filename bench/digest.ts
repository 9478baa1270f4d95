// Benchmark: a coordinator's digest for a programme of 2,000 partnerships and a year of weekly check-ins, on PostgreSQL.
// npm run bench:digest   (BENCH_DATABASE_URL or DATABASE_URL names the server; default postgres://postgres@127.0.0.1:5432/postgres)
import { randomUUID } from "node:crypto";
import { cpus, totalmem } from "node:os";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { buildDigest } from "../src/core/digest/build-digest.ts";
import { openDatabase } from "../src/db/client.ts";
import {
  latestAnswerQuery,
  loadDigestSnapshot,
  rateQuery,
  recentCheckinsQuery,
} from "../src/db/digest-queries.ts";
import { migrateDatabase } from "../src/db/migrate.ts";
import { rowsOf } from "../src/db/rows.ts";

const PARTNERSHIPS = 2_000;
const WEEKS = 52;
const RUNS = 7;
const BUDGET_MS = 1_000;
const NOW = new Date("2026-11-30T09:00:00Z");

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Total Time": number;
  "Actual Loops": number;
  "Actual Rows": number;
  Plans?: PlanNode[];
}

/** The node that spends the most time itself (its total over all loops, less its children's). */
function slowestStep(root: PlanNode): { node: PlanNode; selfMs: number; totalMs: number } {
  let best = { node: root, selfMs: -1, totalMs: 0 };
  const walk = (node: PlanNode) => {
    const total = node["Actual Total Time"] * node["Actual Loops"];
    const children = (node.Plans ?? []).reduce(
      (sum, c) => sum + c["Actual Total Time"] * c["Actual Loops"],
      0,
    );
    const self = Math.max(0, total - children);
    if (self > best.selfMs) best = { node, selfMs: self, totalMs: total };
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  return best;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const baseUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch (error) {
    process.stdout.write(
      `Skipped: PostgreSQL is not reachable at ${new URL(baseUrl).host} (${(error as Error).message}).\n`,
    );
    await admin.end({ timeout: 1 }).catch(() => {});
    return;
  }
  const name = `collab_bench_digest_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await admin.unsafe(`create database ${name}`);
  const url = withDatabaseName(baseUrl, name);
  const database = await openDatabase({ kind: "postgres", url, maxConnections: 2 });
  try {
    await migrateDatabase(database, url);
    const { db } = database;
    const seedStart = performance.now();
    await seed(db);
    const seedMs = performance.now() - seedStart;
    const [programme] = rowsOf<{ id: string; name: string }>(
      await db.execute(sql`select id, name from programmes`),
    );
    const counts = rowsOf<Record<string, number>>(
      await db.execute(sql`select
        (select count(*) from partnerships)::int as partnerships,
        (select count(*) from checkins)::int as checkins,
        (select count(*) from checkin_prompts)::int as prompts,
        (select count(*) from outbox)::int as outbox`),
    )[0]!;
    const period = { since: new Date(NOW.getTime() - 7 * 86_400_000), until: NOW };
    const input = { programme: programme!, period, now: NOW, timezone: "Europe/London" };

    const times: number[] = [];
    let summary = "";
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const snapshot = await loadDigestSnapshot(db, input);
      const message = buildDigest(snapshot);
      times.push(performance.now() - start);
      summary = message.summary;
    }

    const plans: { label: string; executionMs: number; plan: PlanNode }[] = [];
    for (const [label, query] of [
      ["latest answers (at risk)", latestAnswerQuery(programme!.id, NOW)],
      ["last two check-ins (at risk)", recentCheckinsQuery(programme!.id, NOW)],
      ["response rates (8 periods)", rateQuery(programme!.id, period)],
    ] as const) {
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`explain (analyze, format json) ${query}`),
      );
      const raw = Object.values(rows[0]!)[0];
      const [explained] = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
        Plan: PlanNode;
        "Execution Time": number;
      }[];
      plans.push({ label, executionMs: explained!["Execution Time"], plan: explained!.Plan });
    }
    const heaviest = plans.sort((a, b) => b.executionMs - a.executionMs)[0]!;
    const slow = slowestStep(heaviest.plan);
    const where = [slow.node["Relation Name"], slow.node["Index Name"] && `using ${slow.node["Index Name"]}`]
      .filter(Boolean)
      .join(" ");

    const p50 = median(times);
    const cpu = cpus();
    const out = [
      `Digest benchmark: ${counts.partnerships} partnerships, ${counts.checkins} check-ins, ${counts.prompts} prompts, ${counts.outbox} outbox rows (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      `Machine: ${cpu[0]?.model ?? "unknown cpu"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, node ${process.version}, ${(rowsOf<{ version: string }>(await db.execute(sql`select version()`))[0]?.version ?? "").split(",")[0]}`,
      `Build digest (snapshot queries + message): p50 ${p50.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); budget ${BUDGET_MS} ms: ${p50 <= BUDGET_MS ? "OK" : "OVER"}`,
      `Heaviest query: ${heaviest.label}, ${heaviest.executionMs.toFixed(1)} ms (${plans.map((p) => `${p.label} ${p.executionMs.toFixed(1)} ms`).join("; ")})`,
      `Slowest step of its plan: ${slow.node["Node Type"]}${where ? ` on ${where}` : ""}, ${slow.selfMs.toFixed(1)} ms self (${slow.totalMs.toFixed(1)} ms total over ${slow.node["Actual Loops"]} loops or workers, ${slow.node["Actual Rows"]} rows per loop)`,
      `Digest: ${summary.slice(0, 300)}`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);
    if (p50 > BUDGET_MS) process.exitCode = 1;
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) process.stdout.write(`Kept ${url}\n`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

/** A programme of 2,000 partnerships (4,000 members), a year of weekly check-ins and the rest, with generate_series. */
async function seed(db: Awaited<ReturnType<typeof openDatabase>>["db"]) {
  const now = NOW.toISOString();
  const statements = [
    sql`insert into programmes (name) values ('Benchmark Network')`,
    sql`insert into people (email, name, institution, timezone)
        select 'person' || g || '@bench.org', 'Person ' || g, 'Centre ' || (g % 40), 'Europe/London'
        from generate_series(0, ${PARTNERSHIPS * 2}) g`,
    // Person 0 coordinates; 2% of the others have no chat account.
    sql`insert into chat_identities (person_id, platform, tenant_id, user_id)
        select id, 'slack', 'T0BENCH', 'U' || md5(email) from people where (hashtext(email) % 50) <> 0`,
    sql`insert into programme_members (programme_id, person_id, role)
        select pr.id, pe.id, case when pe.email = 'person0@bench.org' then 'coordinator' else 'member' end
        from programmes pr cross join people pe`,
    sql`insert into partnerships (title, programme_id, created_at, started_at)
        select 'Partnership ' || g, pr.id, ${now}::timestamptz - (g % 400) * interval '1 day',
          ${now}::timestamptz - (g % 400) * interval '1 day'
        from programmes pr cross join generate_series(1, ${PARTNERSHIPS}) g`,
    sql`insert into partnership_members (partnership_id, person_id)
        select p.id, pe.id from partnerships p
        join people pe on pe.email in (
          'person' || (2 * substr(p.title, 13)::int - 1) || '@bench.org',
          'person' || (2 * substr(p.title, 13)::int) || '@bench.org')`,
    sql`insert into checkins (partnership_id, period_key, period_start, period_end)
        select p.id, 'W' || w, date_trunc('week', ${now}::timestamptz) - w * interval '7 days',
          date_trunc('week', ${now}::timestamptz) - (w - 1) * interval '7 days'
        from partnerships p cross join generate_series(0, ${WEEKS - 1}) w`,
    sql`insert into checkin_prompts (checkin_id, person_id, due_at, sent_at, status, answer, note, answered_at)
        select c.id, m.person_id, c.period_start + interval '34 hours', c.period_start + interval '34 hours',
          case when r < 0.7 then 'answered' else 'sent' end,
          case when r < 0.05 then 'blocked' when r < 0.13 then 'needs_attention' when r < 0.7 then 'on_track' end,
          case when r < 0.13 then 'Waiting on the data access committee' end,
          case when r < 0.7 then c.period_start + interval '40 hours' end
        from checkins c
        join partnership_members m on m.partnership_id = c.partnership_id
        cross join lateral (select (abs(hashtext(c.id::text || m.person_id::text)) % 1000) / 1000.0 as r) x`,
    sql`insert into outbox (kind, platform, tenant_id, target, person_id, message, status, last_error, created_at)
        select 'checkin.prompt', 'slack', 'T0BENCH', '{}'::jsonb, cp.person_id, '{}'::jsonb,
          case when random() < 0.01 then 'failed' else 'sent' end,
          null, cp.sent_at
        from checkin_prompts cp`,
    sql`update outbox set last_error = 'Slack user not found: they may have left the workspace' where status = 'failed'`,
    sql`insert into intros (requester_id, candidate_id, need, status, created_at, expires_at, responded_at)
        select a.id, b.id, 'a statistician',
          (array['pending','accepted','declined','expired'])[1 + g % 4],
          ${now}::timestamptz - (g % 365) * interval '1 day',
          ${now}::timestamptz - (g % 365) * interval '1 day' + interval '7 days',
          case when g % 4 in (1, 2) then ${now}::timestamptz - (g % 365) * interval '1 day' + interval '2 days' end
        from generate_series(1, 3000) g
        join people a on a.email = 'person' || (1 + g % ${PARTNERSHIPS * 2}) || '@bench.org'
        join people b on b.email = 'person' || (1 + (g * 7) % ${PARTNERSHIPS * 2}) || '@bench.org'
        where a.id <> b.id`,
    sql`insert into milestones (partnership_id, title, due_on, achieved_at)
        select p.id, 'Milestone ' || k, (${now}::timestamptz + ((k * 97 + length(p.title)) % 400 - 200) * interval '1 day')::date,
          case when k % 2 = 0 then ${now}::timestamptz - ((k * 13) % 365) * interval '1 day' end
        from partnerships p cross join generate_series(1, 3) k`,
    sql`insert into mentorships (mentor_id, mentee_id, programme_id, next_follow_up_at)
        select a.id, b.id, pr.id, ${now}::timestamptz + ((g % 60) - 30) * interval '1 day'
        from programmes pr cross join generate_series(1, 500) g
        join people a on a.email = 'person' || g || '@bench.org'
        join people b on b.email = 'person' || (g + 1000) || '@bench.org'`,
    sql`analyze`,
  ];
  for (const statement of statements) await db.execute(statement);
}

await main();
