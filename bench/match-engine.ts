// `npm run bench:match-engine`: the matching engine alone, in process, at 100,000 synthetic profiles — the
// before/after figure for changes to the ranker, steadier than `bench:match` on a shared machine.
// `--profiles=N`, `--rounds=N` (each round asks every need once), `--check` prints a digest of every answer instead
// (two versions of the engine that print the same digest rank everyone the same).
import { createHash } from "node:crypto";
import { loadavg } from "node:os";
import { createMatchIndex } from "../src/core/matching/create-match-index.ts";
import { fixtureNeeds, percentile, syntheticProfiles } from "./match-synthetic.ts";

const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const PROFILES = Number(option("profiles") ?? 100_000);
const ROUNDS = Number(option("rounds") ?? 20);
const CHECK = process.argv.includes("--check");
const NOW = new Date("2026-03-02T10:00:00Z");

const needs = fixtureNeeds;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const profiles = syntheticProfiles(PROFILES, 42);
let started = performance.now();
const index = createMatchIndex(profiles);
const buildMs = performance.now() - started;
const requesters = Array.from({ length: 200 }, (_, i) => profiles[(i * 499) % profiles.length]!);

if (CHECK) {
  const hash = createHash("sha256");
  let answers = 0;
  for (const requester of requesters) {
    for (const need of needs) {
      hash.update(JSON.stringify(index.suggest(requester, need, { now: NOW, limit: 5 })));
      answers++;
    }
  }
  process.stdout.write(`${answers} answers, digest ${hash.digest("hex").slice(0, 16)}\n`);
  process.exit(0);
}

// Warm up, then time every need over many requesters.
for (let i = 0; i < 200; i++)
  index.suggest(requesters[i % 200]!, needs[i % needs.length]!, { now: NOW, limit: 5 });
const all: number[] = [];
/** CPU time per query (user and system), which other processes on a busy machine inflate less than wall time. */
const cpu: number[] = [];
const perNeed = needs.map(() => [] as number[]);
const perNeedCpu = needs.map(() => [] as number[]);
started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (let n = 0; n < needs.length; n++) {
    const requester = requesters[(round * needs.length + n) % requesters.length]!;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    index.suggest(requester, needs[n]!, { now: NOW, limit: 5 });
    const took = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    perNeedCpu[n]!.push((c1.user + c1.system) / 1000);
    all.push(took);
    perNeed[n]!.push(took);
  }
}
const totalMs = performance.now() - started;
if (process.argv.includes("--per-need")) {
  for (let n = 0; n < needs.length; n++) {
    process.stdout.write(
      `${percentile(perNeed[n]!, 50).toFixed(2).padStart(7)} ms, CPU ${percentile(perNeedCpu[n]!, 50).toFixed(2).padStart(6)} ms  ${needs[n]}\n`,
    );
  }
}
const rss = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `engine ${PROFILES} profiles: build ${(buildMs / 1000).toFixed(1)} s, ${all.length} queries in ${totalMs.toFixed(0)} ms, ` +
    `p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms, ` +
    `mean ${(totalMs / all.length).toFixed(2)} ms; CPU p50 ${percentile(cpu, 50).toFixed(2)} ms, p95 ${percentile(cpu, 95).toFixed(2)} ms, ` +
    `mean ${(cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(2)} ms; peak RSS ${rss.toFixed(0)} MB, load ${load()}\n`,
);
