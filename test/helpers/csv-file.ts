// Writes CSV text for the import tests to a file of the given name in a fresh temporary folder; returns its path.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function csvFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "collab-csv-")), name);
  writeFileSync(path, text);
  return path;
}
