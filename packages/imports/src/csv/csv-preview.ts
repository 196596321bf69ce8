import { parse } from 'csv-parse/browser/esm/sync';
import { csvParseOptions, delimiterOf } from './csv-format.ts';

/**
 * The records at the start of a file, for the import wizard's mapping step: the same csv-parse and options as the
 * server, on the file's first bytes. When the text is only the start of the file, a record cut off at its end is
 * left out rather than shown half-read.
 */
export function previewRecords(text: string, wholeFile: boolean): string[][] {
  const upTo = wholeFile ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1);
  const records: string[][] = parse(upTo, {
    ...csvParseOptions(delimiterOf(text.replace(/^\uFEFF/, ''))),
    // A quoted cell still open at the cut is the record we leave out.
    skip_records_with_error: true,
  });
  return records;
}
