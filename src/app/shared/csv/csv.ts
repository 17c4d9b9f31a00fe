import Papa from 'papaparse';

/** The one place that uses papaparse: rows to CSV text, and a download of that text. */
export type CsvCell = string | number | null;

/**
 * CSV text of the rows: numbers written at full precision (as JavaScript prints them), empty
 * cells for null, quoting where needed, CRLF line ends (RFC 4180). Cells that a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@` at the start of text) are escaped.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(
    // Numbers stay numbers so that negative values are never taken for formulae.
    rows.map((row) => row.map((cell) => (cell === null ? '' : cell))),
    { newline: '\r\n', escapeFormulae: true, quotes: false },
  );
}

/** Offers the text as a file download (in the browser). */
export function downloadCsv(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
