import type { EntityManager } from '@switchboard/db';
import { DomainError, notFound } from '@switchboard/accounts';
import { sql } from '../sql.ts';
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
  return rows.map((r) => ({
    id: String(r.id),
    name: r.name,
    properties: r.properties,
    revenue: r.revenue === null ? null : Number(r.revenue),
    currency: r.currency,
    source: r.source,
    messageId: r.message_id,
    occurredAt: new Date(r.occurred_at).toISOString(),
  }));
}
