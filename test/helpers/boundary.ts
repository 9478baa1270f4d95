// Finds the imports in a core or job source file that break the dependency rule of DESIGN.md.
import { dirname, join, normalize } from "node:path";

const forbiddenPackages = [
  /^@slack\//,
  /^botbuilder/,
  /^drizzle-orm/,
  /^postgres$/,
  /^@electric-sql\//,
  /^node-cron$/,
];
const forbiddenFolders = ["bots", "db", "jobs"];

export function forbiddenImports(source: string, fileInCore: string): string[] {
  return importSpecifiers(source).filter((spec) => {
    if (spec.startsWith(".")) {
      // Resolve against src/core/<file> and see whether it leaves core for a door or the database.
      const resolved = normalize(join("src/core", dirname(fileInCore), spec));
      return forbiddenFolders.some((folder) => resolved.startsWith(join("src", folder)));
    }
    return forbiddenPackages.some((pattern) => pattern.test(spec));
  });
}

function importSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
}

const storagePackages = [/^drizzle-orm/, /^postgres$/, /^@electric-sql\//];

/** A job is a thin tick over a core service: it may not reach the database itself, neither a driver nor src/db. */
export function forbiddenJobImports(source: string, fileInJobs: string): string[] {
  return importSpecifiers(source).filter((spec) => {
    if (spec.startsWith(".")) {
      const resolved = normalize(join("src/jobs", dirname(fileInJobs), spec));
      return resolved.startsWith(join("src", "db"));
    }
    return storagePackages.some((pattern) => pattern.test(spec));
  });
}

const PLATFORM = "(?:slack|teams|console)";
const QUOTED = String.raw`["'\`]${PLATFORM}["'\`]`;
/** Deciding by a platform's name, found in the code without its comments. */
const decisionPatterns: readonly RegExp[] = [
  new RegExp(String.raw`(?:===|!==|==|!=)\s*${QUOTED}`, "g"), // platform === "slack"
  new RegExp(String.raw`${QUOTED}\s*(?:===|!==|==|!=)`, "g"), // "console" === platform
  new RegExp(String.raw`\bcase\s+${QUOTED}\s*:`, "g"), // case "slack":
  new RegExp(String.raw`\[[^\]]*${QUOTED}[^\]]*\]\s*\.includes\(`, "g"), // ["slack", "teams"].includes(p)
  new RegExp(String.raw`\[\s*${QUOTED}\s*\]`, "g"), // variants["slack"]
];
/**
 * Wording kept per platform (variants.slack, variants?.[platform], variants: { slack: … }), found in the code without
 * strings either. Other fields named after a platform are data: a person's Slack account in the people CSV.
 */
const variantsPattern = new RegExp(
  String.raw`\bvariants\s*(?:\??\.\s*${PLATFORM}\b|\??\.?\s*\[|:\s*\{\s*${PLATFORM}\s*:)`,
  "g",
);

const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\/|(?<![:"'`\\])\/\/.*$/gm, "");
const withoutStrings = (code: string) =>
  code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');

/**
 * The places in a core source file that compare a platform with a platform's name or keep wording per platform:
 * in DESIGN.md a door tells the core what it can do (its traits) and the core never asks which platform it is on.
 * Comparing two platform values (an identity's platform with the one a message goes to) is data, and allowed.
 */
export function platformDecisions(source: string): string[] {
  const code = withoutComments(source);
  return [
    ...decisionPatterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[0])),
    ...[...withoutStrings(code).matchAll(variantsPattern)].map((m) => m[0]),
  ];
}
