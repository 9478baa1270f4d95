// Finds the imports in a core source file that break the dependency rule of DESIGN.md.
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
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map(
    (m) => m[1]!,
  );
  return specifiers.filter((spec) => {
    if (spec.startsWith(".")) {
      // Resolve against src/core/<file> and see whether it leaves core for a door or the database.
      const resolved = normalize(join("src/core", dirname(fileInCore), spec));
      return forbiddenFolders.some((folder) => resolved.startsWith(join("src", folder)));
    }
    return forbiddenPackages.some((pattern) => pattern.test(spec));
  });
}
