// Cleans what people type before the core sees it: control characters (NUL above all) never reach storage or logs.

/** Removes C0 and C1 control characters but tab and line breaks; PostgreSQL text cannot even hold a NUL. */
export function cleanText(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control =
      (code < 0x20 && char !== "\t" && char !== "\n" && char !== "\r") || (code >= 0x7f && code < 0xa0);
    if (!control) out += char;
  }
  return out;
}

export function cleanInputs(inputs: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(inputs).map(([id, value]) => [
      id,
      Array.isArray(value) ? value.map(cleanText) : cleanText(value),
    ]),
  );
}
