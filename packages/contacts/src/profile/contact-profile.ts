import type { EntityManager } from '@switchboard/db';
import { DomainError, notFound } from '@switchboard/accounts';
import { list, sql } from '../sql.ts';
import { IDENTITY_COLUMNS, type ContactRow } from './contact-row.ts';
import { parseContactReference, type ParsedReference } from './contact-reference.ts';

export async function findContact(
  em: EntityManager,
  workspaceId: string,
  ref: ParsedReference,
  lock = false,
): Promise<ContactRow | null> {
  const [column, value] =
    'contactId' in ref ? ['id', ref.contactId] : [IDENTITY_COLUMNS[ref.kind], ref.value];
  const [row] = await sql<ContactRow>(
    em,
    `select * from contacts where workspace_id = ? and ${column} = ?${lock ? ' for update' : ''}`,
    [workspaceId, value],
  );
  return row ?? null;
}

/**
 * Fails with 404 unless the contact exists in this workspace: what lists "about a contact" call first, so another
 * workspace's id (or a made-up one) is a 404 rather than an empty list that looks like an answer.
 */
/** The contact an API request names (id, email, +phone, wechat:…, external:…), or a 404 on the `contact` field. */
export async function contactNamedBy(
  em: EntityManager,
  workspaceId: string,
  reference: string,
): Promise<ContactRow> {
  const contact = await findContact(em, workspaceId, parseContactReference(reference));
  if (!contact)
    throw new DomainError('not_found', `No contact matches "${reference}" in this workspace`, 'contact');
  return contact;
}

export async function requireContact(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
): Promise<void> {
  const [row] = await sql(em, 'select 1 from contacts where workspace_id = ? and id = ?', [
    workspaceId,
    contactId,
  ]);
  if (!row) throw notFound('Contact');
}

export interface TimelineEntry {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  revenue: number | null;
  currency: string | null;
  source: string;
  messageId: string | null;
  occurredAt: string;
  /** The campaign or journey the event came from, named, so the timeline can link to it. */
  origin: { kind: 'campaign' | 'journey'; id: string; name: string } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which campaign or journey an event names (channel events carry source/sourceId, journey steps journeyId). */
function originOf(properties: Record<string, unknown>): { kind: 'campaign' | 'journey'; id: string } | null {
  const { source, sourceId, journeyId } = properties;
  if ((source === 'campaign' || source === 'journey') && typeof sourceId === 'string' && UUID.test(sourceId))
    return { kind: source, id: sourceId };
  if (typeof journeyId === 'string' && UUID.test(journeyId)) return { kind: 'journey', id: journeyId };
  return null;
}

/** A contact's events, newest first, paged by occurrence time. */
export async function contactTimeline(
  em: EntityManager,
  contactId: string,
  options: { limit: number; before?: Date },
): Promise<TimelineEntry[]> {
  const rows = await sql<{
    id: string;
    name: string;
    properties: Record<string, unknown>;
    revenue: string | null;
    currency: string | null;
    source: string;
    message_id: string | null;
    occurred_at: Date;
  }>(
    em,
    `select id, name, properties, revenue, currency, source, message_id, occurred_at from events
      where contact_id = ?${options.before ? ' and occurred_at < ?' : ''} order by occurred_at desc, id desc limit ?`,
    [contactId, ...(options.before ? [options.before] : []), options.limit],
  );
  const origins = rows.map((r) => originOf(r.properties ?? {}));
  const ids = (kind: 'campaign' | 'journey') => [
    ...new Set(origins.flatMap((o) => (o?.kind === kind ? [o.id] : []))),
  ];
  const names = new Map<string, string>();
  for (const [kind, table] of [
    ['campaign', 'campaigns'],
    ['journey', 'journeys'],
  ] as const) {
    const wanted = ids(kind);
    if (wanted.length === 0) continue;
    for (const row of await sql<{ id: string; name: string }>(
      em,
      // Only the contact's own workspace: event properties come from outside and may name anyone's ids.
      `select id::text as id, name from ${table}
       where id = any(?::uuid[]) and workspace_id = (select workspace_id from contacts where id = ?)`,
      [list(wanted), contactId],
    ))
      names.set(`${kind}:${row.id}`, row.name);
  }
  return rows.map((r, i) => ({
    id: String(r.id),
    name: r.name,
    properties: r.properties,
    revenue: r.revenue === null ? null : Number(r.revenue),
    currency: r.currency,
    source: r.source,
    messageId: r.message_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    origin: (() => {
      const origin = origins[i];
      const name = origin && names.get(`${origin.kind}:${origin.id}`);
      return origin && name ? { ...origin, name } : null;
    })(),
  }));
}
