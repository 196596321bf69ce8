import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, detectDelimiter, parseCsv } from './csv-parser.ts';

/** Feeds `text` in chunks of `size` characters, so every boundary position gets exercised. */
function parseInChunks(text: string, size: number, delimiter = ',') {
  const parser = new CsvParser(delimiter);
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.slice(i, i + size)));
  records.push(...parser.end());
  return records;
}

const TRICKY =
  '\uFEFFemail,name,note\r\n' +
  'a@example.com,"Smith, Ann","said ""hi""\nand left"\r\n' +
  '\n' +
  'b@example.com,,"x"y\n' +
  'c@example.com,Bo "the" Bear,last';

const EXPECTED = [
  ['email', 'name', 'note'],
  ['a@example.com', 'Smith, Ann', 'said "hi"\nand left'],
  ['b@example.com', '', 'xy'],
  ['c@example.com', 'Bo "the" Bear', 'last'],
];

describe('CsvParser', () => {
  it('reads quoted delimiters, doubled quotes, embedded newlines, CRLF, a BOM and skips blank lines', () => {
    expect(parseCsv(TRICKY)).toEqual(EXPECTED);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 5, 7, 16, 1000]) expect(parseInChunks(TRICKY, size)).toEqual(EXPECTED);
  });

  it('keeps empty trailing cells and a final record without a newline', () => {
    expect(parseCsv('a,b,c\n1,,\n2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['2', '3'],
    ]);
  });

  it('refuses a quoted cell that is never closed, naming the row', () => {
    const parser = new CsvParser();
    parser.push('a,b\n1,2\n3,"open\n4,5\n');
    expect(() => parser.end()).toThrow(CsvSyntaxError);
    try {
      parser.end();
    } catch (error) {
      expect((error as CsvSyntaxError).row).toBe(3);
    }
  });

  it('counts records including the header', () => {
    const parser = new CsvParser();
    parser.push('a\n1\n2\n');
    parser.end();
    expect(parser.recordCount).toBe(3);
  });
});

describe('detectDelimiter', () => {
  it('finds comma, semicolon and tab, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('email,name,plan')).toBe(',');
    expect(detectDelimiter('email;name;"a,b,c,d"')).toBe(';');
    expect(detectDelimiter('email\tname\tplan')).toBe('\t');
    expect(parseCsv('email;name\nx@y.de;Müller')).toEqual([
      ['email', 'name'],
      ['x@y.de', 'Müller'],
    ]);
  });
});
