// `npm run bench:import-publications`: `collab import publications` of generated PubMed XML and MEDLINE files
// (5,000 records each, invented people) into PGlite and PostgreSQL: records a second, wall time and peak RSS.
// Each import runs in its own child process, so that its peak RSS is its own.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { runCli } from "../src/cli/run.ts";

const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
/** `--records=5000`: records per file; `--db=pglite` or `--db=postgres` runs one database. */
const RECORDS = Number(option("records") ?? 5_000);
const PEOPLE = 2_000;
const AUTHORS = 6;
const MESH_PER_PAPER = 10;
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const FIRST = [
  "Ada",
  "Bo",
  "Chen",
  "Dana",
  "Eli",
  "Farah",
  "Gus",
  "Hana",
  "Ivo",
  "Jun",
  "Kofi",
  "Lena",
  "Mira",
  "Nils",
];
const LAST = [
  "Okafor",
  "Lindqvist",
  "Wei",
  "Reyes",
  "Moreau",
  "Haddad",
  "Novak",
  "Sato",
  "Petrov",
  "Kim",
  "Mensah",
  "Berg",
  "Costa",
  "Ivanova",
  "Nakamura",
  "Oyelaran",
  "Silva",
  "Fischer",
  "Rossi",
  "Dubois",
  "Jensen",
  "Kowalski",
  "Tanaka",
  "Ahmed",
  "Garcia",
  "Murphy",
  "Schmidt",
  "Yilmaz",
  "Larsen",
  "Bianchi",
  "Popescu",
  "Horvat",
  "Weber",
  "Smit",
  "Nowak",
  "Hughes",
  "Varga",
  "Ortiz",
  "Khan",
  "Lopez",
  "Andersen",
  "Moretti",
  "Keller",
  "Walsh",
  "Zhou",
  "Park",
  "Singh",
  "Ferreira",
  "Hansen",
  "Ruiz",
  "Vogel",
  "Ng",
  "Abara",
  "Quinn",
  "Ueda",
  "Tran",
  "Lind",
  "Mora",
];
const MESH = [
  "Sepsis",
  "Biomarkers",
  "Breast Neoplasms",
  "Heart Failure",
  "Stroke",
  "Asthma",
  "Depression",
  "COVID-19",
  "Obesity",
  "Frailty",
  "Telemedicine",
  "Machine Learning",
  "Survival Analysis",
  "Bayes Theorem",
  "Cohort Studies",
  "Genomics",
  "Immunotherapy",
  "Vaccination",
  "Palliative Care",
  "Quality of Life",
  "Humans",
  "Female",
  "Male",
];

/** Person i: a unique invented name (first × last × a middle initial). */
function person(i: number): { first: string; last: string; email: string } {
  const first = `${FIRST[i % FIRST.length]!} ${String.fromCharCode(65 + (Math.floor(i / FIRST.length / LAST.length) % 26))}`;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return { first, last, email: `person${i}@bench.example.org` };
}

function peopleCsv(): string {
  const rows = ["name,email,institution"];
  for (let i = 0; i < PEOPLE; i++) {
    const p = person(i);
    rows.push(`${p.first} ${p.last},${p.email},Bench University ${i % 40}`);
  }
  return `${rows.join("\n")}\n`;
}

const xmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** Paper n: AUTHORS authors (the last one unknown), MESH_PER_PAPER descriptors, the first two major. */
function paper(n: number) {
  const authors = Array.from({ length: AUTHORS - 1 }, (_, k) => person((n * 7 + k * 131) % PEOPLE));
  authors.push({ first: "Pat", last: `Unknown${n % 50}`, email: "" });
  const mesh = Array.from({ length: MESH_PER_PAPER }, (_, k) => MESH[(n * 3 + k) % MESH.length]!);
  return {
    pmid: String(40_000_000 + n),
    year: 2010 + (n % 16),
    title: `A study of ${mesh[0]} and ${mesh[1]} in setting ${n}`,
    journal: `Journal of Bench Research ${n % 97}`,
    authors,
    mesh: [...new Set(mesh)],
  };
}

function pubmedXml(from: number, count: number): string {
  const out = ['<?xml version="1.0" ?>', "<PubmedArticleSet>"];
  for (let n = from; n < from + count; n++) {
    const p = paper(n);
    out.push(
      '<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">',
      `<PMID Version="1">${p.pmid}</PMID><Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print">`,
      `<PubDate><Year>${p.year}</Year></PubDate></JournalIssue><Title>${xmlEscape(p.journal)}</Title></Journal>`,
      `<ArticleTitle>${xmlEscape(p.title)}.</ArticleTitle>`,
      `<ELocationID EIdType="doi" ValidYN="Y">10.5555/bench.${p.pmid}</ELocationID><AuthorList CompleteYN="Y">`,
      ...p.authors.map(
        (a) =>
          `<Author ValidYN="Y"><LastName>${a.last}</LastName><ForeName>${a.first}</ForeName><Initials>${a.first[0]}</Initials></Author>`,
      ),
      "</AuthorList><Language>eng</Language></Article><MeshHeadingList>",
      ...p.mesh.map(
        (m, k) =>
          `<MeshHeading><DescriptorName MajorTopicYN="${k < 2 ? "Y" : "N"}">${xmlEscape(m)}</DescriptorName></MeshHeading>`,
      ),
      "</MeshHeadingList></MedlineCitation></PubmedArticle>",
    );
  }
  out.push("</PubmedArticleSet>");
  return `${out.join("\n")}\n`;
}

function medline(from: number, count: number): string {
  const out: string[] = [];
  for (let n = from; n < from + count; n++) {
    const p = paper(n);
    out.push(`PMID- ${p.pmid}`, "OWN - NLM", "STAT- MEDLINE", `DP  - ${p.year} Mar`, `TI  - ${p.title}.`);
    for (const a of p.authors) {
      out.push(`FAU - ${a.last}, ${a.first}`, `AU  - ${a.last} ${a.first[0]}`);
      if (a.email) out.push(`AD  - Bench University. ${a.email}.`);
    }
    out.push(`JT  - ${p.journal}`);
    for (const [k, m] of p.mesh.entries()) out.push(`MH  - ${k < 2 ? "*" : ""}${m}`);
    out.push(`LID - 10.5555/bench.${p.pmid} [doi]`, `SO  - J Bench Res. ${p.year};1:1.`, "");
  }
  return `${out.join("\n")}\n`;
}

// ---------- children ----------

type Target = { DATABASE_URL: string } | { DATA_DIR: string };
type Task = { target: Target; steps: string[][]; timed: number };

/** Runs the CLI steps in order; times the step at index `timed`. */
async function child(task: Task): Promise<Record<string, number>> {
  const env = { LOG_LEVEL: "silent", ...task.target };
  let timedMs = 0;
  let rssBefore = 0;
  for (const [i, args] of task.steps.entries()) {
    let stderr = "";
    if (i === task.timed) rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const code = await runCli(args, {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
      env,
    });
    if (i === task.timed) timedMs = performance.now() - started;
    if (code !== 0) throw new Error(`collab ${args.join(" ")} exited ${code}: ${stderr}`);
  }
  return { timedMs, rssBefore, rssPeak: process.resourceUsage().maxRSS * 1024 };
}

function runChild(task: Task): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", JSON.stringify(task)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    proc.on("close", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`child failed (exit ${code})`));
      else resolve(JSON.parse(line) as Record<string, number>);
    });
  });
}

// ---------- parent ----------

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function postgresReachable(): Promise<boolean> {
  const client = postgres(PG_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

async function newTarget(db: string): Promise<{ target: Target; drop: () => Promise<void> }> {
  if (db === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "collab-bench-import-"));
    return {
      target: { DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `collab_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    target: { DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log("collab import publications benchmark");
  console.log(
    `Machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${mb(totalmem())} memory, ` +
      `Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  const dir = mkdtempSync(join(tmpdir(), "collab-bench-files-"));
  try {
    const files = {
      people: join(dir, "people.csv"),
      xml: join(dir, "pubmed.xml"),
      medline: join(dir, "medline.txt"),
    };
    writeFileSync(files.people, peopleCsv());
    writeFileSync(files.xml, pubmedXml(0, RECORDS));
    writeFileSync(files.medline, medline(RECORDS, RECORDS));
    console.log(
      `Files: ${RECORDS.toLocaleString("en")} PubMed XML records (${mb(statSync(files.xml).size)}) and ` +
        `${RECORDS.toLocaleString("en")} MEDLINE records (${mb(statSync(files.medline).size)}), ${AUTHORS} authors ` +
        `(${AUTHORS - 1} of ${PEOPLE.toLocaleString("en")} invented people, matched by name or email) and ` +
        `${MESH_PER_PAPER} MeSH descriptors each. Each import runs in a fresh child process (through tsx), into a ` +
        "database holding the people; RSS base is the child's before the import.\n",
    );
    const kinds = ["pglite", "postgres"].filter((kind) => !option("db") || option("db") === kind);
    const rows: string[] = [];
    for (const db of kinds) {
      if (db === "postgres" && !(await postgresReachable())) {
        console.log(`PostgreSQL at ${PG_URL} is unreachable: skipping it.`);
        continue;
      }
      const { target, drop } = await newTarget(db);
      try {
        await runChild({ target, steps: [["migrate"], ["import", "people", files.people]], timed: -1 });
        for (const [format, file] of [
          ["PubMed XML", files.xml],
          ["MEDLINE", files.medline],
        ] as const) {
          const r = await runChild({ target, steps: [["import", "publications", file]], timed: 0 });
          rows.push(
            [
              db.padEnd(9),
              format.padEnd(11),
              RECORDS.toLocaleString("en").padStart(7),
              `${(r.timedMs! / 1000).toFixed(2)} s`.padStart(8),
              `${Math.round(RECORDS / (r.timedMs! / 1000)).toLocaleString("en")}/s`.padStart(10),
              mb(r.rssBefore!).padStart(9),
              mb(r.rssPeak!).padStart(9),
            ].join(" "),
          );
        }
      } finally {
        await drop();
      }
    }
    console.log("database  format      records     wall  records/s  RSS base  peak RSS");
    for (const row of rows) console.log(row);
    console.log('\nTarget (issue 16): "a file of thousands of records imports in seconds, streaming".');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  const result = await child(JSON.parse(process.argv[3]!) as Task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  await main();
}
