/** The file is not valid CSV (an unterminated quoted cell); `row` is the 1-based record where it happened. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

/**
 * An incremental RFC 4180 reader: feed it text in chunks of any size (a chunk may end inside a quoted cell or
 * between \r and \n) and it returns the records completed so far. Quoted cells may hold delimiters, newlines and
 * doubled quotes. It is lenient where spreadsheets are sloppy (a stray quote inside an unquoted cell is text) and
 * strict only where data would be lost (a quote never closed). Blank lines are skipped.
 */
export class CsvParser {
  private state: State = 'fieldStart';
  private field = '';
  private record: string[] = [];
  private skipLf = false;
  private started = false;
  private records = 0;
  private readonly delimiter: number;

  constructor(delimiter = ',') {
    if (delimiter.length !== 1) throw new Error('The delimiter must be one character');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Records completed so far, counting the header. */
  get recordCount(): number {
    return this.records;
  }

  push(chunk: string): string[][] {
    const out: string[][] = [];
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const delimiter = this.delimiter;
    const length = text.length;
    let i = 0;
    if (this.skipLf && length > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < length) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case 'fieldStart':
          if (c === QUOTE) {
            this.state = 'quoted';
            i++;
            continue;
          }
          this.state = 'unquoted';
        // falls through: the first character of an unquoted cell is handled like the rest
        case 'unquoted': {
          // Copy the run of ordinary characters in one slice; character-by-character concatenation is slow.
          let j = i;
          while (j < length) {
            const d = text.charCodeAt(j);
            if (d === delimiter || d === LF || d === CR) break;
            j++;
          }
          if (j > i) this.field += text.slice(i, j);
          if (j === length) return out;
          i = this.endField(text, j, out);
          continue;
        }
        case 'quoted': {
          const close = text.indexOf('"', i);
          if (close === -1) {
            this.field += text.slice(i);
            return out;
          }
          this.field += text.slice(i, close);
          this.state = 'quoteInQuoted';
          i = close + 1;
          continue;
        }
        case 'quoteInQuoted':
          if (c === QUOTE) {
            this.field += '"';
            this.state = 'quoted';
            i++;
          } else if (c === delimiter || c === LF || c === CR) {
            i = this.endField(text, i, out);
          } else {
            // Text after a closing quote ("a"b): keep it rather than drop it.
            this.state = 'unquoted';
          }
          continue;
      }
    }
    return out;
  }

  /** Flushes the last record; throws CsvSyntaxError if a quoted cell was never closed. */
  end(): string[][] {
    if (this.state === 'quoted')
      throw new CsvSyntaxError(
        this.records + 1,
        `Row ${this.records + 1} opens a quoted cell that is never closed; check for a missing " in that row`,
      );
    const out: string[][] = [];
    if (this.state !== 'fieldStart' || this.record.length > 0) {
      this.record.push(this.field);
      this.emit(out);
    }
    return out;
  }

  /** Handles the delimiter or line break at `i`; returns where to continue. */
  private endField(text: string, i: number, out: string[][]): number {
    const c = text.charCodeAt(i);
    this.record.push(this.field);
    this.field = '';
    this.state = 'fieldStart';
    if (c === this.delimiter) return i + 1;
    this.emit(out);
    if (c === CR) {
      if (i + 1 === text.length) this.skipLf = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 2;
    }
    return i + 1;
  }

  private emit(out: string[][]) {
    const record = this.record;
    this.record = [];
    if (record.length === 1 && record[0] === '') return;
    this.records++;
    out.push(record);
  }
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

/** Parses a whole text at once (previews, tests). */
export function parseCsv(text: string, delimiter = detectDelimiter(text.slice(0, text.indexOf('\n') >>> 0))) {
  const parser = new CsvParser(delimiter);
  return [...parser.push(text), ...parser.end()];
}
