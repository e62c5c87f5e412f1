/** One cell of a CSV file: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null;

/**
 * A cell beginning with one of these is read as a formula by spreadsheets (CSV injection): `=HYPERLINK(…)` in an
 * offer's name must open as text, so such a cell is prefixed with an apostrophe, which spreadsheets hide.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break, inner quotes doubled. */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return "";
  const text = String(cell);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, ended with CRLF as RFC 4180 asks. */
export function csvRow(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * Spreadsheets (Excel above all) read a CSV file as UTF-8 only when it starts with a byte-order mark; without it
 * "Crème brûlée" opens garbled. Other readers skip it.
 */
export const CSV_START = "\uFEFF";
