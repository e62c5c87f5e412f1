/**
 * Reads a CSV file as RFC 4180 defines it (CRLF records, quoted fields with doubled quotes), independently of the
 * server's writer, and refuses anything else: a stray quote or a bare LF between records fails the test.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let at = text.startsWith("\uFEFF") ? 1 : 0;
  for (;;) {
    let cell = "";
    if (text[at] === '"') {
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) throw new Error("a quoted field is not closed");
        cell += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        cell += '"';
        at++;
      }
    } else {
      const end = text.slice(at).search(/,|\r\n/);
      cell = end < 0 ? text.slice(at) : text.slice(at, at + end);
      if (cell.includes('"') || cell.includes("\n"))
        throw new Error(`an unquoted field holds a quote or LF: ${cell}`);
      at = end < 0 ? text.length : at + end;
    }
    row.push(cell);
    if (text[at] === ",") {
      at++;
      continue;
    }
    rows.push(row);
    row = [];
    if (text.startsWith("\r\n", at)) at += 2;
    else if (at < text.length)
      throw new Error(`a field ends with ${JSON.stringify(text[at])}, not a comma or CRLF`);
    if (at >= text.length) return rows;
  }
}

/** The rows after the header, each as an object keyed by the header's names. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name, row[i] ?? ""])));
}
