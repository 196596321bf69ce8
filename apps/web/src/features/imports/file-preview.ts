import { previewRecords } from '@switchboard/imports/browser';

export interface FilePreview {
  header: string[];
  samples: string[][];
}

const HEAD_BYTES = 64 * 1024;

/**
 * The header and first rows of a CSV, read from its first 64 KiB only, so choosing a 500 MB file is instant. The
 * server reads the whole file again with the same reader (csv-parse, same options); this is only for the mapping step.
 */
export async function previewFile(file: File, sampleRows = 5): Promise<FilePreview> {
  const head = await file.slice(0, HEAD_BYTES).text();
  const [header = [], ...rows] = previewRecords(head, file.size <= HEAD_BYTES);
  return { header: header.map((h, i) => h.trim() || `column ${i + 1}`), samples: rows.slice(0, sampleRows) };
}
