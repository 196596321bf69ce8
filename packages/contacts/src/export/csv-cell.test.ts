import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv-cell.ts';

describe('CSV cells', () => {
  it('neutralise anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const risky of ['+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvCell(risky).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('quote commas, quotes and line breaks, and leave plain values alone', () => {
    expect(csvCell('Müller, Anna')).toBe('"Müller, Anna"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('李雷')).toBe('李雷');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell(null)).toBe('');
    expect(csvCell(['vip', 'newsletter'])).toBe('vip; newsletter');
    expect(csvRow(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });
});
