// Splits a stream of text chunks into numbered lines, without holding the whole text.

export async function* readLines(
  chunks: AsyncIterable<string>,
): AsyncGenerator<{ line: number; text: string }> {
  let rest = "";
  let line = 0;
  for await (const chunk of chunks) {
    rest += chunk;
    let end = rest.indexOf("\n");
    while (end >= 0) {
      yield { line: ++line, text: rest.slice(0, end).replace(/\r$/, "") };
      rest = rest.slice(end + 1);
      end = rest.indexOf("\n");
    }
  }
  if (rest !== "") yield { line: ++line, text: rest.replace(/\r$/, "") };
}
