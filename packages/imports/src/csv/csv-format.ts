/**
 * What the import reads as CSV, for the server's streaming reader and the browser's preview alike: RFC 4180 through
 * csv-parse, lenient where spreadsheets are sloppy (a stray quote inside a cell is text, rows may have more or fewer
 * cells than the header, blank lines are skipped, CRLF/LF/CR may be mixed, a BOM is dropped) and strict where data
 * would be lost: a quoted cell never closed, a record too large to be a record, or binary data.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

export function csvParseOptions(delimiter: string) {
  return {
    delimiter,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
  };
}

/** The file is not valid CSV; `row` is the 1-based record (the header is row 1) where it went wrong. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** A sentence saying what is wrong with the file and where, from csv-parse's error code. */
export function csvSyntaxError(code: string | undefined, row: number): CsvSyntaxError {
  if (code === 'CSV_QUOTE_NOT_CLOSED')
    return new CsvSyntaxError(
      row,
      `Row ${row} opens a quoted cell that is never closed; check for a missing " in that row`,
    );
  if (code === 'CSV_MAX_RECORD_SIZE')
    return new CsvSyntaxError(
      row,
      `Row ${row} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB; check for a missing " that joins many rows`,
    );
  return new CsvSyntaxError(row, `Row ${row} is not valid CSV (${code ?? 'unreadable'})`);
}

/** A cell with a NUL character: binary data or a UTF-16 file, which no CSV import should guess at. */
export function binaryDataError(row: number): CsvSyntaxError {
  return new CsvSyntaxError(
    row,
    `Row ${row} holds a NUL character: this looks like binary data or UTF-16 text; save the file as "CSV UTF-8"`,
  );
}

/** Picks the delimiter that splits the header line into the most columns: comma, semicolon (Excel in many locales) or tab. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** The delimiter of a file from its first text (the header line, or as much of it as is there). */
export function delimiterOf(firstText: string) {
  const lineEnd = firstText.search(/\r|\n/);
  return detectDelimiter(lineEnd === -1 ? firstText : firstText.slice(0, lineEnd));
}
