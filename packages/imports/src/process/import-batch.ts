import type { EntityManager } from '@switchboard/db';
import {
  IDENTITY_KINDS,
  list,
  nextTraits,
  sql,
  suppressionHash,
  TEXT_LIST,
  uuidV7,
  type AttributeType,
  type Identities,
  type TraitColumns,
} from '@switchboard/contacts';
import { parseTarget, type ColumnTarget } from '../mapping/import-mapping.ts';
import { mapRow, type ImportRecord, type Rejection, type RowContext } from '../mapping/row-mapper.ts';
import { dedupeRecords, matchExisting } from '../mapping/dedupe.ts';
import type { ImportOptions } from '../store/import-options.ts';

export interface BatchResult {
  rows: number;
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** True when this batch had been imported already (an activity retry): nothing was written again. */
  alreadyDone: boolean;
}

interface BatchRow {
  workspace_id: string;
  header: string[];
  mapping: { targets: string[]; attributeTypes: Record<string, AttributeType> };
  options: ImportOptions;
  first_row: number;
  rows: string[][];
  processed_at: Date | null;
}

interface ExistingContact extends TraitColumns {
  id: string;
  email: string | null;
  phone: string | null;
  wechat_id: string | null;
  external_id: string | null;
}

const CHANNEL_IDENTITY = { email: 'email', sms: 'phone', wechat: 'wechatId' } as const;

/**
 * Imports one stored batch in one transaction: validate and map the rows, merge duplicates, match them against the
 * workspace's contacts, create and update contacts, record consent and list membership, store the rejected rows and
 * move the counters. The batch is marked done in the same transaction, so a retried activity never imports it twice.
 */
export async function importBatch(
  em: EntityManager,
  importId: string,
  batchNo: number,
): Promise<BatchResult> {
  return em.transactional(async (tx) => {
    const [batch] = await sql<BatchRow>(
      tx,
      `select i.workspace_id, i.header, i.mapping, i.options, b.first_row, b.rows, b.processed_at
       from import_batches b join imports i on i.id = b.import_id
       where b.import_id = ? and b.batch_no = ? for update of b`,
      [importId, batchNo],
    );
    if (!batch) throw new Error(`Import ${importId} has no batch ${batchNo}`);
    if (batch.processed_at)
      return { rows: 0, created: 0, updated: 0, duplicates: 0, rejected: 0, alreadyDone: true };

    const workspaceId = batch.workspace_id;
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

    const existing = await lockMatchingContacts(tx, workspaceId, deduped.people);
    const matched = matchExisting(
      deduped.people,
      existing.map((c) => ({
        id: c.id,
        identities: { email: c.email, phone: c.phone, wechatId: c.wechat_id, externalId: c.external_id },
      })),
    );
    for (const r of matched.rejections) rejections.push({ ...r, cells: cellsOf(r.row) });
    // People this import wrote in an earlier batch: the row repeats someone already in the file. It still updates
    // them, and counts as a duplicate, as it would within one batch.
    const repeated = await writtenEarlier(tx, importId, [...matched.updates.keys()]);

    const isSuppressed = await suppressionCheck(tx, workspaceId, deduped.people);
    const at = new Date();
    const extraTags = options.tags ?? [];

    /** The row written for a person: identities as given, traits after last-write-wins against `current`. */
    const contactRow = (id: string, person: ImportRecord, current: ExistingContact | null) => {
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
        dnc: isSuppressed(person.identities),
      };
    };
    const created = matched.creates.map((person) => contactRow(uuidV7(), person, null));
    if (created.length > 0)
      await sql(
        tx,
        `insert into contacts (id, workspace_id, email, phone, wechat_id, external_id, first_name, last_name, timezone,
           locale, lifecycle_stage, attributes, attribute_written_at, tags, do_not_contact, created_at, updated_at)
         select r.id, ?, r.email, r.phone, r.wechat_id, r.external_id, r.first_name, r.last_name, r.timezone, r.locale,
           r.lifecycle_stage, r.attributes, r.written_at, r.tags, r.dnc, now(), now()
         from jsonb_to_recordset(?::jsonb) as r(id uuid, email text, phone text, wechat_id text, external_id text,
           first_name text, last_name text, timezone text, locale text, lifecycle_stage text, attributes jsonb,
           written_at jsonb, tags text[], dnc boolean)`,
        [workspaceId, JSON.stringify(created)],
      );

    const byId = new Map(existing.map((c) => [c.id, c]));
    const updated = [...matched.updates].map(([id, person]) => contactRow(id, person, byId.get(id)!));
    if (updated.length > 0)
      await sql(
        tx,
        `update contacts c set email = coalesce(r.email, c.email), phone = coalesce(r.phone, c.phone),
           wechat_id = coalesce(r.wechat_id, c.wechat_id), external_id = coalesce(r.external_id, c.external_id),
           first_name = r.first_name, last_name = r.last_name, timezone = r.timezone, locale = r.locale,
           lifecycle_stage = r.lifecycle_stage, attributes = r.attributes, attribute_written_at = r.written_at,
           tags = (select coalesce(array_agg(distinct t order by t), '{}') from unnest(c.tags || r.tags) t),
           do_not_contact = c.do_not_contact or r.dnc, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as r(id uuid, email text, phone text, wechat_id text, external_id text,
           first_name text, last_name text, timezone text, locale text, lifecycle_stage text, attributes jsonb,
           written_at jsonb, tags text[], dnc boolean)
         where c.id = r.id`,
        [JSON.stringify(updated)],
      );

    const written = [
      ...created.map((c) => ({ id: c.id, identities: c })),
      ...updated.map((u) => {
        const before = byId.get(u.id)!;
        return {
          id: u.id,
          identities: {
            email: u.email ?? before.email,
            phone: u.phone ?? before.phone,
            wechat_id: u.wechat_id ?? before.wechat_id,
          },
        };
      }),
    ];
    if (options.consent && written.length > 0) {
      const column = { email: 'email', phone: 'phone', wechatId: 'wechat_id' } as const;
      const identity = column[CHANNEL_IDENTITY[options.consent.channel]];
      const reachable = written.filter((w) => w.identities[identity]).map((w) => w.id);
      await recordImportConsent(tx, workspaceId, importId, options.consent, reachable, at);
    }
    if (options.listId && written.length > 0)
      await sql(
        tx,
        `insert into segment_members (segment_id, contact_id, workspace_id, entered_at)
         select ?, id, ?, now() from unnest(?::uuid[]) as id on conflict do nothing`,
        [options.listId, workspaceId, list(written.map((w) => w.id))],
      );

    if (rejections.length > 0)
      await sql(
        tx,
        `insert into import_rejections (import_id, row_number, reason, cells)
         select ?, r.row, r.reason, r.cells from jsonb_to_recordset(?::jsonb) as r(row int, reason text, cells jsonb)`,
        [importId, JSON.stringify(rejections)],
      );

    if (written.length > 0)
      await sql(
        tx,
        `insert into import_contacts (import_id, contact_id) select ?, id from unnest(?::uuid[]) as id
         on conflict do nothing`,
        [importId, list(written.map((w) => w.id))],
      );

    const updatedFirstTime = updated.length - repeated;
    const result: BatchResult = {
      rows: batch.rows.length,
      created: created.length,
      updated: updatedFirstTime,
      rejected: rejections.length,
      duplicates: batch.rows.length - created.length - updatedFirstTime - rejections.length,
      alreadyDone: false,
    };
    await sql(
      tx,
      `update imports set processed_rows = processed_rows + ?, created_count = created_count + ?,
         updated_count = updated_count + ?, duplicate_count = duplicate_count + ?, rejected_count = rejected_count + ?
       where id = ?`,
      [result.rows, result.created, result.updated, result.duplicates, result.rejected, importId],
    );
    await sql(
      tx,
      `update import_batches set processed_at = now(), rows = '[]' where import_id = ? and batch_no = ?`,
      [importId, batchNo],
    );
    return result;
  });
}

/** How many of these contacts the import created or updated in an earlier batch. */
async function writtenEarlier(em: EntityManager, importId: string, contactIds: string[]) {
  if (contactIds.length === 0) return 0;
  const [row] = await sql<{ n: number }>(
    em,
    'select count(*)::int as n from import_contacts where import_id = ? and contact_id = any(?::uuid[])',
    [importId, list(contactIds)],
  );
  return row?.n ?? 0;
}

/** Every contact holding any identity of these people, locked so a concurrent identify cannot slip in between. */
async function lockMatchingContacts(em: EntityManager, workspaceId: string, people: ImportRecord[]) {
  if (people.length === 0) return [];
  const values = (kind: (typeof IDENTITY_KINDS)[number]) =>
    list(people.flatMap((p) => (p.identities[kind] === undefined ? [] : [p.identities[kind]])));
  return sql<ExistingContact>(
    em,
    `select id, email, phone, wechat_id, external_id, first_name, last_name, timezone, locale, lifecycle_stage,
       attributes, attribute_written_at
     from contacts where workspace_id = ? and (email = any(${TEXT_LIST}) or phone = any(${TEXT_LIST})
       or wechat_id = any(${TEXT_LIST}) or external_id = any(${TEXT_LIST}))
     order by id for update`,
    [workspaceId, values('email'), values('phone'), values('wechatId'), values('externalId')],
  );
}

/**
 * Which people were suppressed before (erased, unsubscribed, bounced). Hashing every identity costs more than the
 * rest of the row, so workspaces without suppressions skip it.
 */
async function suppressionCheck(
  em: EntityManager,
  workspaceId: string,
  people: ImportRecord[],
): Promise<(identities: Identities) => boolean> {
  const [any] = await sql(em, 'select 1 from suppressions where workspace_id = ? limit 1', [workspaceId]);
  if (!any) return () => false;
  const hashesOf = (identities: Identities) =>
    IDENTITY_KINDS.flatMap((k) => (identities[k] === undefined ? [] : [suppressionHash(k, identities[k])]));
  const rows = await sql<{ value_hash: string }>(
    em,
    `select value_hash from suppressions where workspace_id = ? and value_hash = any(${TEXT_LIST})`,
    [workspaceId, list(people.flatMap((p) => hashesOf(p.identities)))],
  );
  const suppressed = new Set(rows.map((r) => r.value_hash));
  // Merged people carry only identities of the people queried above, so their hashes are covered.
  return (identities) => suppressed.size > 0 && hashesOf(identities).some((h) => suppressed.has(h));
}

/** The consent the file's people gave, with the import as proof; current state only moves forward in time. */
async function recordImportConsent(
  em: EntityManager,
  workspaceId: string,
  importId: string,
  consent: NonNullable<ImportOptions['consent']>,
  contactIds: string[],
  at: Date,
) {
  if (contactIds.length === 0) return;
  const proof = JSON.stringify({
    importId,
    ...(consent.wordingVersion ? { wordingVersion: consent.wordingVersion } : {}),
    ...(consent.text ? { text: consent.text } : {}),
  });
  const ids = list(contactIds);
  await sql(
    em,
    `insert into consent_changes (workspace_id, contact_id, channel, topic, status, source, proof, occurred_at)
     select ?, id, ?, ?, ?, 'import', ?::jsonb, ? from unnest(?::uuid[]) as id`,
    [workspaceId, consent.channel, consent.topic, consent.status, proof, at, ids],
  );
  await sql(
    em,
    `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at)
     select id, ?, ?, ?, ?, ? from unnest(?::uuid[]) as id
     on conflict (contact_id, channel, topic) do update set status = excluded.status, updated_at = excluded.updated_at
     where consents.updated_at <= excluded.updated_at`,
    [consent.channel, consent.topic, workspaceId, consent.status, at, ids],
  );
}
