import type { EntityManager } from '@switchboard/db';
import {
  IDENTITY_KINDS,
  list,
  sql,
  suppressionHash,
  TEXT_LIST,
  uuidV7,
  type Identities,
} from '@switchboard/contacts';
import type { ImportRecord } from '../mapping/row-mapper.ts';
import { matchExisting } from '../mapping/dedupe.ts';
import type { ImportOptions } from '../store/import-options.ts';
import {
  contactRow,
  prepareBatch,
  stringified,
  type ExistingContact,
  type PreparedBatch,
} from './prepare-batch.ts';

export interface BatchResult {
  rows: number;
  created: number;
  updated: number;
  duplicates: number;
  rejected: number;
  /** True when this batch had been imported already (an activity retry): nothing was written again. */
  alreadyDone: boolean;
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
  return writeBatch(em, importId, batchNo, await prepareBatch(em.fork(), importId, batchNo));
}

/**
 * Imports the batches `from` … `to - 1` in order, each in its own transaction, while the next one is read and mapped
 * on another connection: the worker maps batch N+1 while PostgreSQL inserts batch N's contacts (started only then, so
 * the mapping never holds up the statements around that insert). `progress` runs after each batch (the activity
 * heartbeats there).
 */
export async function importBatches(
  em: EntityManager,
  importId: string,
  range: { from: number; to: number },
  progress: (batchNo: number) => void = () => undefined,
): Promise<BatchResult> {
  const total: BatchResult = { ...NOTHING, alreadyDone: true };
  const prepare = (batchNo: number) => {
    const prepared = prepareBatch(em.fork(), importId, batchNo);
    // Awaited in the next turn of the loop; a failure while this batch is written must not count as unhandled.
    prepared.catch(() => undefined);
    return prepared;
  };
  let next: Promise<PreparedBatch | null> | null = null;
  for (let batchNo = range.from; batchNo < range.to; batchNo++) {
    const prepared = await (next ?? prepare(batchNo));
    next = null;
    const prepareNext = () => {
      if (!next && batchNo + 1 < range.to) next = prepare(batchNo + 1);
    };
    const result = await writeBatch(em.fork(), importId, batchNo, prepared, prepareNext);
    for (const key of COUNTS) total[key] += result[key];
    total.alreadyDone &&= result.alreadyDone;
    progress(batchNo);
  }
  return total;
}

const COUNTS = ['rows', 'created', 'updated', 'duplicates', 'rejected'] as const;
const NOTHING = { rows: 0, created: 0, updated: 0, duplicates: 0, rejected: 0 };

async function writeBatch(
  em: EntityManager,
  importId: string,
  batchNo: number,
  prepared: PreparedBatch | null,
  whileInserting: () => void = () => undefined,
): Promise<BatchResult> {
  return em.transactional(async (tx) => {
    // The lock makes a retried or concurrent run of the same batch wait here and then find it done.
    const [batch] = await sql<{ processed_at: Date | null }>(
      tx,
      'select processed_at from import_batches where import_id = ? and batch_no = ? for update',
      [importId, batchNo],
    );
    if (!batch) throw new Error(`Import ${importId} has no batch ${batchNo}`);
    if (batch.processed_at || !prepared) return { ...NOTHING, alreadyDone: true };

    const { workspaceId, options, people } = prepared;
    const rejections = [...prepared.rejections];
    const cellsOf = (row: number) => prepared.rows[row - prepared.firstRow] ?? [];

    const isSuppressed = await suppressionCheck(tx, workspaceId, people);
    const { at } = prepared;
    const extraTags = options.tags ?? [];
    let fresh = prepared.fresh;
    if (isSuppressed && fresh.rows.some((row, i) => isSuppressed(people[i]!.identities) !== row.dnc))
      fresh = stringified(fresh.rows.map((row, i) => ({ ...row, dnc: isSuppressed(people[i]!.identities) })));

    // Most people in a file are new: insert everyone, and let the identity indexes say who exists already (a row
    // written by another transaction that has not committed is waited for). Only those are looked up and matched.
    const inserting = insertContacts(
      tx,
      { workspaceId, importId },
      fresh.json,
      'on conflict do nothing returning id',
    );
    whileInserting();
    const insertedIds = new Set((await inserting).map((r) => r.id));
    const created = fresh.rows.filter((c) => insertedIds.has(c.id));
    const known = people.filter((_, i) => !insertedIds.has(fresh.rows[i]!.id));

    const existing = await lockMatchingContacts(tx, workspaceId, known);
    const matched = matchExisting(
      known,
      existing.map((c) => ({
        id: c.id,
        identities: { email: c.email, phone: c.phone, wechatId: c.wechat_id, externalId: c.external_id },
      })),
    );
    for (const r of matched.rejections) rejections.push({ ...r, cells: cellsOf(r.row) });
    // People this import wrote in an earlier batch: the row repeats someone already in the file. It still updates
    // them, and counts as a duplicate, as it would within one batch.
    const byId = new Map(existing.map((c) => [c.id, c]));
    const repeated =
      [...matched.updates.keys()].filter((id) => byId.get(id)!.import_id === importId).length +
      (await updatedEarlier(tx, importId, [...matched.updates.keys()]));
    const row = (id: string, person: ImportRecord, current: ExistingContact | null) =>
      contactRow(id, person, current, at, extraTags, isSuppressed?.(person.identities) ?? false);
    // Someone who held an identity a moment ago but is gone now (erased meanwhile): created after all.
    const late = matched.creates.map((person) => row(uuidV7(), person, null));
    if (late.length > 0) await insertContacts(tx, { workspaceId, importId }, JSON.stringify(late), '');
    created.push(...late);

    const updated = [...matched.updates].map(([id, person]) => row(id, person, byId.get(id)!));
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

    // Contacts it created carry the import's id; the ones that existed before are written down.
    const touched = updated.filter((u) => byId.get(u.id)!.import_id !== importId).map((u) => u.id);
    if (touched.length > 0)
      await sql(
        tx,
        `insert into import_contacts (import_id, contact_id) select ?, id from unnest(?::uuid[]) as id
         on conflict do nothing`,
        [importId, list(touched)],
      );

    const updatedFirstTime = updated.length - repeated;
    const result: BatchResult = {
      rows: prepared.rows.length,
      created: created.length,
      updated: updatedFirstTime,
      rejected: rejections.length,
      duplicates: prepared.rows.length - created.length - updatedFirstTime - rejections.length,
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

/** Inserts contact rows built by `contactRow`; `conflict` is appended (e.g. an on-conflict clause with returning). */
function insertContacts(
  em: EntityManager,
  origin: { workspaceId: string; importId: string },
  rowsJson: string,
  conflict: string,
) {
  return sql<{ id: string }>(
    em,
    `insert into contacts (id, workspace_id, import_id, email, phone, wechat_id, external_id, first_name, last_name,
       timezone, locale, lifecycle_stage, attributes, attribute_written_at, tags, do_not_contact, created_at, updated_at)
     select r.id, ?, ?, r.email, r.phone, r.wechat_id, r.external_id, r.first_name, r.last_name, r.timezone, r.locale,
       r.lifecycle_stage, r.attributes, r.written_at, r.tags, r.dnc, now(), now()
     from jsonb_to_recordset(?::jsonb) as r(id uuid, email text, phone text, wechat_id text, external_id text,
       first_name text, last_name text, timezone text, locale text, lifecycle_stage text, attributes jsonb,
       written_at jsonb, tags text[], dnc boolean)
     ${conflict}`,
    [origin.workspaceId, origin.importId, rowsJson],
  );
}

/** How many of these contacts (which existed before the import) it updated in an earlier batch. */
async function updatedEarlier(em: EntityManager, importId: string, contactIds: string[]) {
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
    `select id, import_id, email, phone, wechat_id, external_id, first_name, last_name, timezone, locale, lifecycle_stage,
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
): Promise<((identities: Identities) => boolean) | null> {
  const [any] = await sql(em, 'select 1 from suppressions where workspace_id = ? limit 1', [workspaceId]);
  if (!any) return null;
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
