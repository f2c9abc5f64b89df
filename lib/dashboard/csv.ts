/**
 * CSV for spreadsheets: every field quoted, quotes doubled, and a cell that a spreadsheet would
 * run as a formula (starting with = + - @, tab or carriage return) prefixed with an apostrophe,
 * because order ids and descriptions come from customers and merchants' shops.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return values.map(csvCell).join(",") + "\r\n";
}
