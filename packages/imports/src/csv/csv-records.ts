import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { binaryDataError, csvParseOptions, csvSyntaxError, delimiterOf } from './csv-format.ts';

/**
 * The records of a CSV file arriving as text in chunks of any size, read by csv-parse as a stream (memory stays
 * at one chunk plus the parser's buffer), the delimiter detected from the header line. A file csv-parse cannot
 * read fails with a CsvSyntaxError naming the row.
 */
export async function* csvRecords(chunks: AsyncIterable<string>): AsyncIterable<string[]> {
  const iterator = chunks[Symbol.asyncIterator]();
  let first = await iterator.next();
  while (!first.done && first.value === '') first = await iterator.next();
  if (first.done) return;
  const head = first.value;
  const parser = Readable.from(
    (async function* () {
      yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })(),
  ).pipe(parse(csvParseOptions(delimiterOf(head.replace(/^\uFEFF/, '')))));
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (record.some((cell) => cell.includes('\u0000'))) throw binaryDataError(row);
      yield record;
    }
  } catch (error) {
    const { code, records } = error as CsvError & { records?: number };
    // csv-parse counts the records it finished, which may be ahead of those we have taken from its buffer.
    if (typeof code === 'string' && code.startsWith('CSV_'))
      throw csvSyntaxError(code, Math.max(row, records ?? 0) + 1);
    throw error;
  } finally {
    parser.destroy();
  }
}
