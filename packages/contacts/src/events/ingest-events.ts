import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '../sql.ts';
import { IDENTITY_KINDS, type Identities, type IdentityKind } from '../identity/identities.ts';
import { IDENTITY_COLUMNS } from '../profile/contact-row.ts';
import { suppressionHash } from '../privacy/suppression-hash.ts';

export type ContactReference = { contactId: string } | { identities: Identities };

export interface EventInput {
  contact: ContactReference;
  name: string;
  properties: Record<string, unknown>;
  revenue?: number;
  currency?: string;
  occurredAt: Date;
  messageId?: string;
  source: 'api' | 'import' | 'web' | 'system';
}

export interface IngestResult {
  /** Per input, in order: stored, or skipped because its messageId was already stored. */
  outcomes: ('stored' | 'duplicate')[];
  contactsCreated: number;
}

export class UnknownContactError extends Error {
  constructor(
    /** Position of the offending event in the input. */
    readonly index: number,
    readonly contactId: string,
    /** The request field to name in the error; callers with a wider request (batch) set their own path. */
    public field = 'contactId',
  ) {
    super(`No contact ${contactId} in this workspace`);
    this.name = 'UnknownContactError';
  }
}

/** Picks the identity that decides which contact an event belongs to: the CRM id, then email, phone, WeChat. */
const PRIORITY: IdentityKind[] = ['externalId', 'email', 'phone', 'wechatId'];

/**
 * Stores events in bulk. The usual case — every event's person is already known — is one statement (one round
 * trip, atomic on its own); otherwise one transaction resolves contacts with one query, creates the missing ones with
 * one insert and stores the events with one insert. Either way messageIds already stored are skipped, and unknown
 * contact ids fail the whole call before anything is written.
 */
export async function ingestEvents(
  em: EntityManager,
  workspaceId: string,
  events: EventInput[],
  now = new Date(),
): Promise<IngestResult> {
  if (events.length === 0) return { outcomes: [], contactsCreated: 0 };
  const stored = await insertForKnownContacts(em, workspaceId, events, now);
  if (stored) return { outcomes: outcomesOf(events, stored), contactsCreated: 0 };
  return em.transactional(async (tx) => {
    const byId = new Set<string>();
    const wanted: Record<IdentityKind, Set<string>> = {
      email: new Set(),
      phone: new Set(),
      wechatId: new Set(),
      externalId: new Set(),
    };
    for (const event of events) {
      if ('contactId' in event.contact) byId.add(event.contact.contactId);
      else
        for (const kind of IDENTITY_KINDS)
          if (event.contact.identities[kind]) wanted[kind].add(event.contact.identities[kind]);
    }

    // A merged contact's old id leads to its survivor; an erased one's leads nowhere.
    const known = new Map<string, string>();
    if (byId.size) {
      const rows = await sql<{ given: string; id: string }>(
        tx,
        `select id as given, id from contacts where workspace_id = ? and id = any(${TEXT_LIST}::uuid[])
         union all
         select "from", "to" from contact_redirects where workspace_id = ? and "from" = any(${TEXT_LIST}::uuid[]) and "to" is not null`,
        [workspaceId, list([...byId]), workspaceId, list([...byId])],
      );
      for (const r of rows) known.set(r.given, r.id);
      const missing = events.findIndex((e) => 'contactId' in e.contact && !known.has(e.contact.contactId));
      if (missing >= 0)
        throw new UnknownContactError(missing, (events[missing]!.contact as { contactId: string }).contactId);
    }

    const lookup = await lookUpIdentities(tx, workspaceId, wanted);
    const contactFor = (identities: Identities) => {
      for (const kind of PRIORITY) {
        const value = identities[kind];
        if (value !== undefined && lookup[kind].has(value)) return lookup[kind].get(value)!;
      }
      return undefined;
    };

    // People we have never seen: create one contact per distinct deciding identity.
    const toCreate = new Map<string, Identities>();
    for (const event of events) {
      if ('contactId' in event.contact) continue;
      const identities = event.contact.identities;
      if (contactFor(identities)) continue;
      const kind = PRIORITY.find((k) => identities[k] !== undefined)!;
      toCreate.set(`${kind}:${identities[kind]}`, identities);
    }
    let contactsCreated = 0;
    if (toCreate.size) {
      contactsCreated = await createContacts(tx, workspaceId, [...toCreate.values()]);
      const again = await lookUpIdentities(tx, workspaceId, wanted);
      for (const kind of IDENTITY_KINDS) lookup[kind] = again[kind];
    }

    const rows = events.map((event) => ({
      c:
        'contactId' in event.contact
          ? known.get(event.contact.contactId)
          : contactFor(event.contact.identities),
      ...eventColumns(event),
    }));
    // Every identity without a contact was created above; a gap here would be a bug, not bad input.
    if (rows.some((r) => r.c === undefined))
      throw new Error('event contact resolution left an event without a contact');
    // One statement, one JSON parameter, however many events: the database unpacks it into rows.
    const inserted = await sql<{ message_id: string | null }>(
      tx,
      `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id, occurred_at, received_at)
       select ?, c, n, p, r, cu, s, m, o, ?
         from jsonb_to_recordset(?::jsonb) as t(c uuid, n text, p jsonb, r numeric, cu text, s text, m text, o timestamptz)
       on conflict (workspace_id, message_id) do nothing
       returning message_id`,
      [workspaceId, now, JSON.stringify(rows)],
    );
    const storedIds = new Set(inserted.map((r) => r.message_id).filter((m): m is string => m !== null));
    return { outcomes: outcomesOf(events, storedIds), contactsCreated };
  });
}

/** An event's own columns, as the JSON fields both insert statements unpack. */
const eventColumns = (event: EventInput) => ({
  n: event.name,
  p: event.properties,
  r: event.revenue ?? null,
  cu: event.currency ?? null,
  s: event.source,
  m: event.messageId ?? null,
  o: event.occurredAt.toISOString(),
});

/** Which inputs were stored: every one without a messageId, and the first of each messageId inserted now. */
function outcomesOf(events: EventInput[], storedIds: Set<string>): ('stored' | 'duplicate')[] {
  const seen = new Set<string>();
  return events.map((e) => {
    if (!e.messageId) return 'stored';
    if (seen.has(e.messageId) || !storedIds.has(e.messageId)) return 'duplicate';
    seen.add(e.messageId);
    return 'stored';
  });
}

/**
 * The hot path of `track`: resolves each event's contact by id or by its deciding identity (CRM id, then email,
 * phone, WeChat — the same order as below) and inserts the events, all in one statement. If any event's person is
 * unknown nothing is written and null comes back, for the transactional path to create them (or name the bad id).
 */
async function insertForKnownContacts(
  em: EntityManager,
  workspaceId: string,
  events: EventInput[],
  now: Date,
): Promise<Set<string> | null> {
  const rows = events.map((event, k) => {
    const ref = event.contact;
    const ids = 'contactId' in ref ? {} : ref.identities;
    return {
      k,
      ci: 'contactId' in ref ? ref.contactId : null,
      x: ids.externalId ?? null,
      e: ids.email ?? null,
      ph: ids.phone ?? null,
      wc: ids.wechatId ?? null,
      ...eventColumns(event),
    };
  });
  // Only the kinds of reference this call uses: each one costs an index probe per event.
  const present = (field: 'ci' | 'x' | 'e' | 'ph' | 'wc') => rows.some((r) => r[field] !== null);
  const probes = (
    [
      ['id', 'ci'],
      ['external_id', 'x'],
      ['email', 'e'],
      ['phone', 'ph'],
      ['wechat_id', 'wc'],
    ] as const
  )
    .filter(([, field]) => present(field))
    .map(
      ([column, field]) =>
        `(select c.id from contacts c where c.workspace_id = w.id and c.${column} = t.${field})`,
    );
  // An id of a merged contact leads to its survivor (right after the id probe, before any identity).
  if (present('ci'))
    probes.splice(
      1,
      0,
      `(select r."to" from contact_redirects r where r.workspace_id = w.id and r."from" = t.ci)`,
    );
  const [result] = await sql<{ unresolved: number; stored: (string | null)[] }>(
    em,
    `with w as (select ?::uuid as id),
     resolved as (
       select t.*, coalesce(${probes.join(', ')}) as contact_id
         from w, jsonb_to_recordset(?::jsonb)
           as t(k int, ci uuid, x text, e text, ph text, wc text, n text, p jsonb, r numeric, cu text, s text, m text, o timestamptz)
     ),
     unresolved as (select count(*)::int as missing from resolved where contact_id is null),
     inserted as (
       insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id, occurred_at, received_at)
       select w.id, contact_id, n, p, r, cu, s, m, o, ?
         from w, resolved
        where (select missing from unresolved) = 0
        order by k
       on conflict (workspace_id, message_id) do nothing
       returning message_id
     )
     select (select missing from unresolved) as unresolved, array(select message_id from inserted) as stored`,
    [workspaceId, JSON.stringify(rows), now],
  );
  if (!result || result.unresolved > 0) return null;
  return new Set(result.stored.filter((m): m is string => m !== null));
}

async function lookUpIdentities(
  em: EntityManager,
  workspaceId: string,
  wanted: Record<IdentityKind, Set<string>>,
) {
  const result: Record<IdentityKind, Map<string, string>> = {
    email: new Map(),
    phone: new Map(),
    wechatId: new Map(),
    externalId: new Map(),
  };
  const clauses: string[] = [];
  const params: unknown[] = [workspaceId];
  for (const kind of IDENTITY_KINDS) {
    if (!wanted[kind].size) continue;
    clauses.push(`${IDENTITY_COLUMNS[kind]} = any(${TEXT_LIST})`);
    params.push(list([...wanted[kind]]));
  }
  if (!clauses.length) return result;
  const rows = await sql<{
    id: string;
    email: string | null;
    phone: string | null;
    wechat_id: string | null;
    external_id: string | null;
  }>(
    em,
    `select id, email, phone, wechat_id, external_id from contacts where workspace_id = ? and (${clauses.join(' or ')})`,
    params,
  );
  for (const row of rows) {
    if (row.email) result.email.set(row.email, row.id);
    if (row.phone) result.phone.set(row.phone, row.id);
    if (row.wechat_id) result.wechatId.set(row.wechat_id, row.id);
    if (row.external_id) result.externalId.set(row.external_id, row.id);
  }
  return result;
}

/** Inserts contacts for new identities; ones another writer created meanwhile are skipped (and found by the re-read). */
async function createContacts(em: EntityManager, workspaceId: string, people: Identities[]): Promise<number> {
  const hashes = people.flatMap((p) =>
    IDENTITY_KINDS.flatMap((k) => (p[k] ? [suppressionHash(k, p[k])] : [])),
  );
  const suppressed = new Set(
    (
      await sql<{ value_hash: string }>(
        em,
        `select value_hash from suppressions where workspace_id = ? and value_hash = any(${TEXT_LIST})`,
        [workspaceId, list(hashes)],
      )
    ).map((r) => r.value_hash),
  );
  const newContacts = people.map((p) => ({
    i: randomUUID(),
    e: p.email ?? null,
    p: p.phone ?? null,
    w: p.wechatId ?? null,
    x: p.externalId ?? null,
    d: IDENTITY_KINDS.some((k) => p[k] !== undefined && suppressed.has(suppressionHash(k, p[k]))),
  }));
  const rows = await sql(
    em,
    `insert into contacts (id, workspace_id, email, phone, wechat_id, external_id, do_not_contact, created_at, updated_at)
     select i, ?, e, p, w, x, d, now(), now()
       from jsonb_to_recordset(?::jsonb) as t(i uuid, e text, p text, w text, x text, d boolean)
     on conflict do nothing returning id`,
    [workspaceId, JSON.stringify(newContacts)],
  );
  return rows.length;
}
