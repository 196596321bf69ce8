import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.ts';
import { CsvSyntaxError, detectDelimiter } from './csv-format.ts';
import { previewRecords } from './csv-preview.ts';

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function readAll(text: string, size = 1 << 16) {
  const records: string[][] = [];
  for await (const record of csvRecords(chunksOf(text, size))) records.push(record);
  return records;
}

const TRICKY =
  '\uFEFFemail,name,note\r\n' +
  'a@example.com,"Smith, Ann","said ""hi""\nand left"\r\n' +
  '\n' +
  'b@example.com,,"x"y\n' +
  'c@example.com,Bo "the" Bear,last\r' +
  'd@example.com,"quoted\r\nlines"';

const EXPECTED = [
  ['email', 'name', 'note'],
  ['a@example.com', 'Smith, Ann', 'said "hi"\nand left'],
  // A quote that does not open a cell is text, kept as written.
  ['b@example.com', '', '"x"y'],
  ['c@example.com', 'Bo "the" Bear', 'last'],
  ['d@example.com', 'quoted\r\nlines'],
];

describe('CSV records through csv-parse', () => {
  it('reads quoted delimiters, doubled quotes, embedded newlines, mixed line endings, a BOM, and skips blank lines', async () => {
    expect(await readAll(TRICKY)).toEqual(EXPECTED);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 5, 7, 16, 1000])
      expect(await readAll(TRICKY, size), `chunks of ${size}`).toEqual(EXPECTED);
  });

  it('keeps empty trailing cells, short and long rows, and a final record without a newline', async () => {
    expect(await readAll('a,b,c\n1,,\n2,3\n4,5,6,7')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['2', '3'],
      ['4', '5', '6', '7'],
    ]);
  });

  it('reads semicolon and tab files by their header line', async () => {
    expect(await readAll('email;name\nx@y.de;Müller')).toEqual([
      ['email', 'name'],
      ['x@y.de', 'Müller'],
    ]);
    expect(await readAll('email\tname\nx@y.de\tLi')).toEqual([
      ['email', 'name'],
      ['x@y.de', 'Li'],
    ]);
  });

  it('refuses a quoted cell that is never closed, naming the row', async () => {
    const error = await readAll('a,b\n1,2\n3,"open\n4,5\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).row).toBe(3);
    expect((error as CsvSyntaxError).message).toMatch(/Row 3 opens a quoted cell that is never closed/);
  });

  it('refuses binary data and UTF-16 text (NUL characters) instead of storing them', async () => {
    const error = await readAll('e\u0000m\u0000a\u0000i\u0000l\u0000\n\u0000a\u0000').catch(
      (e: unknown) => e,
    );
    expect((error as CsvSyntaxError).message).toMatch(/NUL character.*CSV UTF-8/);
  });

  it('refuses a record larger than 1 MiB (a missing quote joining the rest of the file)', async () => {
    const error = await readAll(`a,b\n1,"${'x'.repeat(1_100_000)}"\n`, 64 * 1024).catch((e: unknown) => e);
    expect((error as CsvSyntaxError).message).toMatch(/Row 2 is longer than 1 MiB/);
  });

  it('an empty file has no records', async () => {
    expect(await readAll('')).toEqual([]);
  });
});

describe('the wizard’s preview', () => {
  it('reads the same records as the server, leaving out a record cut off at the end of the sample', () => {
    expect(previewRecords(TRICKY, true)).toEqual(EXPECTED);
    expect(previewRecords('email,name\na@x.de,Ann\nb@x.de,Bo', false)).toEqual([
      ['email', 'name'],
      ['a@x.de', 'Ann'],
    ]);
    expect(previewRecords('email,note\na@x.de,"spans\nlines', false)).toEqual([['email', 'note']]);
  });
});

describe('detectDelimiter', () => {
  it('finds comma, semicolon and tab, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('email,name,plan')).toBe(',');
    expect(detectDelimiter('email;name;"a,b,c,d"')).toBe(';');
    expect(detectDelimiter('email\tname\tplan')).toBe('\t');
  });
});
