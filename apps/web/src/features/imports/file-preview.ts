import { CsvParser, detectDelimiter } from '@switchboard/imports/browser';

export interface FilePreview {
  header: string[];
  samples: string[][];
}

const HEAD_BYTES = 64 * 1024;

/**
 * The header and first rows of a CSV, read from its first 64 KiB only, so choosing a 500 MB file is instant. The
 * server reads the whole file again with the same parser; this is only for the mapping step.
 */
export async function previewFile(file: File, sampleRows = 5): Promise<FilePreview> {
  const head = await file.slice(0, HEAD_BYTES).text();
  const firstLineEnd = head.search(/\r|\n/);
  const parser = new CsvParser(detectDelimiter(firstLineEnd === -1 ? head : head.slice(0, firstLineEnd)));
  // Without end(): a record cut off at the 64 KiB boundary stays pending and is not shown half-read.
  const records = parser.push(head);
  if (file.size <= HEAD_BYTES) records.push(...safeEnd(parser));
  const [header = [], ...rows] = records;
  return { header: header.map((h, i) => h.trim() || `column ${i + 1}`), samples: rows.slice(0, sampleRows) };
}

function safeEnd(parser: CsvParser): string[][] {
  try {
    return parser.end();
  } catch {
    return [];
  }
}
