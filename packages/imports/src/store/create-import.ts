import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { AttributeSchema, InputError, sql, type AttributeType } from '@switchboard/contacts';
import { CsvSyntaxError } from '../csv/csv-format.ts';
import { csvRecords } from '../csv/csv-records.ts';
import {
  columnKey,
  formatTarget,
  mappingProblems,
  parseTarget,
  proposeMapping,
  type ColumnTarget,
} from '../mapping/import-mapping.ts';
import { findOrCreateStaticList } from '@switchboard/segments';
import { parseImportOptions, type ImportOptions } from './import-options.ts';
import { rememberedMappings } from './import-queries.ts';

/** Rows per batch: one activity and one transaction each. Big enough to amortise round trips, small enough to retry. */
export const BATCH_ROWS = 5000;
export const MAX_IMPORT_ROWS = 2_000_000;
export const MAX_COLUMNS = 200;

export interface CreateImportInput {
  workspaceId: string;
  fileName: string;
  /** The file's text, in chunks as they arrive. */
  csv: AsyncIterable<string>;
  /** Targets by header name (`{"E-Mail": "email"}`); columns left out get the remembered or proposed target. */
  mapping?: Record<string, string>;
  options?: unknown;
  actor: Actor;
}

export interface CreatedImport {
  id: string;
  totalRows: number;
  batchCount: number;
  header: string[];
  mapping: string[];
}

/**
 * Reads the file once, streaming: the header fixes the mapping, and the rows are stored in batches for the import
 * workflow. All of it happens in one transaction, so a file that turns out to be malformed halfway leaves nothing
 * behind. Memory stays flat: at most one batch is held.
 */
export async function createImport(em: EntityManager, input: CreateImportInput): Promise<CreatedImport> {
  const fileName = input.fileName.trim().slice(0, 255) || 'contacts.csv';
  const options = parseImportOptions(input.options);
  return em.transactional(async (tx) => {
    const id = randomUUID();
    await sql(
      tx,
      `insert into imports (id, workspace_id, file_name, status, header, mapping, options, created_by, created_at)
       values (?, ?, ?, 'uploading', '[]', '{}', '{}', ?, now())`,
      [id, input.workspaceId, fileName, input.actor.label.slice(0, 254)],
    );
    let header: string[] | undefined;
    let pending: string[][] = [];
    let batchNo = 0;
    let rows = 0;
    // One staging insert runs while the next batch is read: PostgreSQL stores batch N on one core while we parse
    // batch N+1 on the other. The connection runs one statement at a time, so never more than one is in flight.
    let staging: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      if (pending.length === 0) return;
      const params = [id, batchNo, rows - pending.length + 2, JSON.stringify(pending)];
      batchNo++;
      pending = [];
      await staging;
      staging = sql(
        tx,
        'insert into import_batches (import_id, batch_no, first_row, rows) values (?, ?, ?, ?::jsonb)',
        params,
      );
      // Surfaced by the next await of `staging`; until then it must not count as unhandled.
      staging.catch(() => undefined);
    };
    try {
      for await (const record of csvRecords(input.csv)) {
        if (!header) {
          header = checkHeader(record);
          continue;
        }
        if (++rows > MAX_IMPORT_ROWS)
          throw new InputError({
            file: `has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into several files`,
          });
        pending.push(record);
        if (pending.length === BATCH_ROWS) await flush();
      }
    } catch (error) {
      await staging.catch(() => undefined);
      if (error instanceof CsvSyntaxError) throw new InputError({ file: error.message });
      throw error;
    }
    await flush();
    await staging;
    if (!header) throw new InputError({ file: 'is empty; the first row must name the columns' });
    if (rows === 0) throw new InputError({ file: 'has a header but no rows' });

    const mapping = await resolveMapping(tx, input.workspaceId, header, input.mapping ?? {});
    const attributeTypes = await defineMappedAttributes(tx, input.workspaceId, mapping);
    const stored: ImportOptions = { ...options };
    if (options.list)
      stored.listId = await findOrCreateStaticList(
        tx,
        input.workspaceId,
        options.list,
        input.actor,
        'options.list',
      );
    await rememberMapping(tx, input.workspaceId, header, mapping);
    await sql(
      tx,
      `update imports set status = 'queued', header = ?::jsonb, mapping = ?::jsonb, options = ?::jsonb,
         total_rows = ?, batch_count = ? where id = ?`,
      [
        JSON.stringify(header),
        JSON.stringify({
          targets: mapping.map(formatTarget),
          attributeTypes: Object.fromEntries(attributeTypes),
        }),
        JSON.stringify(stored),
        rows,
        batchNo,
        id,
      ],
    );
    recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'contacts.import_started',
      target: { type: 'import', id },
      details: { fileName, rows },
    });
    await tx.flush();
    return { id, totalRows: rows, batchCount: batchNo, header, mapping: mapping.map(formatTarget) };
  });
}

function checkHeader(record: string[]): string[] {
  const header = record.map((h) => h.trim());
  if (header.length > MAX_COLUMNS)
    throw new InputError({ file: `has ${header.length} columns; at most ${MAX_COLUMNS} are supported` });
  if (header.every((h) => h === ''))
    throw new InputError({ file: 'the first row must name the columns (it is empty)' });
  return header.map((h, i) => h || `column ${i + 1}`);
}

async function resolveMapping(
  em: EntityManager,
  workspaceId: string,
  header: string[],
  given: Record<string, string>,
): Promise<ColumnTarget[]> {
  const mapping = proposeMapping(header, await rememberedMappings(em, workspaceId));
  const problems: Record<string, string> = {};
  for (const [column, text] of Object.entries(given)) {
    const positions = header.flatMap((h, i) => (h === column.trim() ? [i] : []));
    if (positions.length !== 1) {
      problems[`mapping.${column}`] =
        positions.length === 0
          ? `the file has no column "${column}" (columns: ${header.join(', ')})`
          : `the file has ${positions.length} columns named "${column}"; rename them`;
      continue;
    }
    const target = parseTarget(text);
    if ('error' in target) problems[`mapping.${column}`] = target.error;
    else mapping[positions[0]!] = target;
  }
  Object.assign(problems, mappingProblems(header, mapping));
  if (Object.keys(problems).length > 0) throw new InputError(problems);
  return mapping;
}

/**
 * Attributes the mapping names but the workspace has not defined yet are defined now (with the mapping's type, or
 * text), so every batch reads them the same way. A type that contradicts an existing definition is refused.
 */
async function defineMappedAttributes(em: EntityManager, workspaceId: string, mapping: ColumnTarget[]) {
  const schema = await AttributeSchema.load(em, workspaceId);
  const types = new Map<string, AttributeType>();
  const fresh = new Map<string, AttributeType>();
  const problems: Record<string, string> = {};
  for (const target of mapping) {
    if (target.kind !== 'attribute') continue;
    const existing = schema.typeOf(target.key);
    if (existing && target.type && existing !== target.type)
      problems[`mapping.${target.key}`] =
        `${target.key} is already a ${existing} attribute, not ${target.type}`;
    const type = existing ?? target.type ?? 'text';
    types.set(target.key, type);
    if (!existing) fresh.set(target.key, type);
  }
  if (Object.keys(problems).length > 0) throw new InputError(problems);
  await schema.define(em, fresh);
  return types;
}

async function rememberMapping(
  em: EntityManager,
  workspaceId: string,
  header: string[],
  mapping: ColumnTarget[],
) {
  const rows = header.map((h, i) => ({ column_key: columnKey(h), target: mapping[i] }));
  await sql(
    em,
    `insert into import_column_mappings (workspace_id, column_key, target, updated_at)
     select ?, r.column_key, r.target, now() from jsonb_to_recordset(?::jsonb) as r(column_key text, target jsonb)
     where r.column_key <> ''
     on conflict (workspace_id, column_key) do update set target = excluded.target, updated_at = excluded.updated_at`,
    [workspaceId, JSON.stringify(dedupeByKey(rows))],
  );
}

/** One row per column key (two headers can normalise to the same key; the last one wins). */
const dedupeByKey = <T extends { column_key: string }>(rows: T[]) => [
  ...new Map(rows.map((r) => [r.column_key, r])).values(),
];
