import type { EntityManager } from '@switchboard/db';
import { csvRow, sql } from '@switchboard/contacts';
import { formatTarget, proposeMapping, type ColumnTarget } from '../mapping/import-mapping.ts';

/** What this workspace mapped each column name to last time, keyed by `columnKey`. */
export async function rememberedMappings(em: EntityManager, workspaceId: string) {
  const rows = await sql<{ column_key: string; target: ColumnTarget }>(
    em,
    'select column_key, target from import_column_mappings where workspace_id = ?',
    [workspaceId],
  );
  return new Map(rows.map((r) => [r.column_key, r.target]));
}

interface ImportRow {
  id: string;
  file_name: string;
  status: string;
  header: string[];
  mapping: { targets: string[] };
  options: Record<string, unknown>;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  duplicate_count: number;
  rejected_count: number;
  error: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The public shape of an import: status, live counters and the mapping it ran with. */
function importView(row: ImportRow) {
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status as 'uploading' | 'queued' | 'running' | 'completed' | 'failed',
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    progress: row.total_rows === 0 ? 0 : row.processed_rows / row.total_rows,
    counts: {
      created: row.created_count,
      updated: row.updated_count,
      duplicates: row.duplicate_count,
      rejected: row.rejected_count,
    },
    mapping: Object.fromEntries(row.header.map((h, i) => [h, row.mapping.targets?.[i] ?? 'ignore'])),
    options: row.options,
    error: row.error,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}
export type ImportView = ReturnType<typeof importView>;

const COLUMNS = `id, file_name, status, header, mapping, options, total_rows, processed_rows, created_count, updated_count,
  duplicate_count, rejected_count, error, created_by, created_at, started_at, finished_at`;

export async function getImport(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<ImportView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await sql<ImportRow>(
    em,
    `select ${COLUMNS} from imports where workspace_id = ? and id = ? and status <> 'uploading'`,
    [workspaceId, id],
  );
  return row ? importView(row) : null;
}

export async function listImports(em: EntityManager, workspaceId: string, limit = 20): Promise<ImportView[]> {
  const rows = await sql<ImportRow>(
    em,
    `select ${COLUMNS} from imports where workspace_id = ? and status <> 'uploading' order by created_at desc limit ?`,
    [workspaceId, limit],
  );
  return rows.map(importView);
}

/** The first rejected rows, in file order, for the API response and the wizard's summary. */
export async function rejectedRows(em: EntityManager, importId: string, limit = 100) {
  return sql<{ row: number; reason: string }>(
    em,
    'select row_number as row, reason from import_rejections where import_id = ? order by row_number limit ?',
    [importId, limit],
  );
}

/**
 * The rejected-rows report as CSV: the row's line in the file (the header is line 1), the reason, then the row's cells under the file's own header, so it can
 * be fixed in a spreadsheet and imported again. Streamed in pages; cells are neutralised against formula injection.
 */
export async function* rejectedRowsCsv(em: EntityManager, importId: string, header: string[]) {
  yield csvRow(['row', 'reason', ...header]);
  let after = 0;
  for (;;) {
    const page = await sql<{ row_number: number; reason: string; cells: string[] }>(
      em,
      `select row_number, reason, cells from import_rejections where import_id = ? and row_number > ?
       order by row_number limit 2000`,
      [importId, after],
    );
    if (page.length === 0) return;
    yield page.map((r) => csvRow([String(r.row_number), r.reason, ...r.cells])).join('');
    after = page[page.length - 1]!.row_number;
  }
}

/** The header of an import, for the report; null if there is no such import in this workspace. */
export async function importHeader(em: EntityManager, workspaceId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await sql<{ header: string[]; file_name: string }>(
    em,
    'select header, file_name from imports where workspace_id = ? and id = ?',
    [workspaceId, id],
  );
  return row ? { header: row.header, fileName: row.file_name } : null;
}

/** The proposal for a header the wizard has read from a file, using what this workspace chose before. */
export async function suggestMapping(em: EntityManager, workspaceId: string, header: string[]) {
  return proposeMapping(header, await rememberedMappings(em, workspaceId)).map(formatTarget);
}
