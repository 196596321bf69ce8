import type { EntityManager } from '@switchboard/db';
import { nextTraits, sql, uuidV7, type AttributeType, type TraitColumns } from '@switchboard/contacts';
import { parseTarget, type ColumnTarget } from '../mapping/import-mapping.ts';
import { mapRow, type ImportRecord, type Rejection, type RowContext } from '../mapping/row-mapper.ts';
import { dedupeRecords } from '../mapping/dedupe.ts';
import type { ImportOptions } from '../store/import-options.ts';

interface BatchRow {
  workspace_id: string;
  header: string[];
  mapping: { targets: string[]; attributeTypes: Record<string, AttributeType> };
  options: ImportOptions;
  first_row: number;
  rows: string[][];
  processed_at: Date | null;
}

export interface ExistingContact extends TraitColumns {
  id: string;
  import_id: string | null;
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  external_id: string | null;
}

/** A stored batch read and mapped, before anything is matched or written: work that needs no lock. */
export interface PreparedBatch {
  workspaceId: string;
  options: ImportOptions;
  firstRow: number;
  rows: string[][];
  people: ImportRecord[];
  /** The clock for last-write-wins: when the batch was read. */
  at: Date;
  /** A new contact for each person (nobody suppressed): what is inserted when the identities are all new. */
  fresh: { rows: ContactRow[]; json: string };
  rejections: Rejection[];
}

/**
 * Reads one stored batch, maps its rows (validation, normalisation, merging duplicates within the batch) and builds
 * the new contacts they would be. It takes no lock, so the next batch is prepared while the previous one is written;
 * null when the batch was imported already.
 */
export async function prepareBatch(
  em: EntityManager,
  importId: string,
  batchNo: number,
): Promise<PreparedBatch | null> {
  const [batch] = await sql<BatchRow>(
    em,
    `select i.workspace_id, i.header, i.mapping, i.options, b.first_row, b.rows, b.processed_at
     from import_batches b join imports i on i.id = b.import_id
     where b.import_id = ? and b.batch_no = ?`,
    [importId, batchNo],
  );
  if (!batch) throw new Error(`Import ${importId} has no batch ${batchNo}`);
  if (batch.processed_at) return null;
  const options = batch.options;
  const context: RowContext = {
    header: batch.header,
    mapping: batch.mapping.targets.map((t) => parseTarget(t) as ColumnTarget),
    attributeTypes: new Map(Object.entries(batch.mapping.attributeTypes)),
    ...(options.defaultCountry ? { defaultCountry: options.defaultCountry } : {}),
  };
  const cellsOf = (row: number) => batch.rows[row - batch.first_row] ?? [];
  const rejections: Rejection[] = [];
  const records: ImportRecord[] = [];
  batch.rows.forEach((cells, i) => {
    const mapped = mapRow(cells, batch.first_row + i, context);
    if ('record' in mapped) records.push(mapped.record);
    else rejections.push(mapped.rejection);
  });
  const deduped = dedupeRecords(records);
  for (const r of deduped.rejections) rejections.push({ ...r, cells: cellsOf(r.row) });
  const at = new Date();
  const extraTags = options.tags ?? [];
  return {
    at,
    fresh: stringified(
      deduped.people.map((person) => contactRow(uuidV7(), person, null, at, extraTags, false)),
    ),
    workspaceId: batch.workspace_id,
    options,
    firstRow: batch.first_row,
    rows: batch.rows,
    people: deduped.people,
    rejections,
  };
}

/** The row written for a person: identities as given, traits after last-write-wins against `current`. */
export function contactRow(
  id: string,
  person: ImportRecord,
  current: ExistingContact | null,
  at: Date,
  extraTags: string[],
  dnc: boolean,
) {
  const traits = nextTraits(current, person, at);
  return {
    id,
    email: person.identities.email ?? null,
    phone: person.identities.phone ?? null,
    wechat_id: person.identities.wechatId ?? null,
    external_id: person.identities.externalId ?? null,
    first_name: traits.firstName,
    last_name: traits.lastName,
    timezone: traits.timezone,
    locale: traits.locale,
    lifecycle_stage: traits.lifecycleStage,
    attributes: traits.attributes,
    written_at: traits.writtenAt,
    tags: [...new Set([...person.tags, ...extraTags])].sort(),
    dnc,
  };
}
export type ContactRow = ReturnType<typeof contactRow>;

/** Rows with their JSON, built once. */
export const stringified = (rows: ContactRow[]) => ({ rows, json: JSON.stringify(rows) });
