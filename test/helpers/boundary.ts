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
