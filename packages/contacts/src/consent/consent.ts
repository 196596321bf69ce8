import type { EntityManager } from '@switchboard/db';
import { sql } from '../sql.ts';

export const CONSENT_CHANNELS = ['email', 'sms', 'wechat'] as const;
export const CONSENT_STATUSES = ['opted_in', 'opted_out', 'pending'] as const;
export const CONSENT_SOURCES = [
  'api',
  'import',
  'form',
  'preference_center',
  'inbound_keyword',
  'admin',
  'double_opt_in',
  'complaint',
] as const;

export interface ConsentChangeInput {
  channel: (typeof CONSENT_CHANNELS)[number];
  /** '' (or omitted) for the whole channel, else a subscription topic such as "newsletter". */
  topic?: string;
  status: (typeof CONSENT_STATUSES)[number];
  source: (typeof CONSENT_SOURCES)[number];
  /** What proves it: IP, form id, import id, the wording the person agreed to… */
  proof?: {
    ip?: string;
    userAgent?: string;
    formId?: string;
    importId?: string;
    wordingVersion?: string;
    text?: string;
  };
  at?: Date;
}

/** Records a consent change: the current state moves only forward in time, and every change joins the history. */
export async function recordConsent(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  change: ConsentChangeInput,
): Promise<void> {
  const at = change.at ?? new Date();
  const topic = change.topic ?? '';
  await em.transactional(async (tx) => {
    await sql(
      tx,
      `insert into consent_changes (workspace_id, contact_id, channel, topic, status, source, proof, occurred_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)`,
      [
        workspaceId,
        contactId,
        change.channel,
        topic,
        change.status,
        change.source,
        JSON.stringify(change.proof ?? {}),
        at,
      ],
    );
    await sql(
      tx,
      `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at) values (?, ?, ?, ?, ?, ?)
       on conflict (contact_id, channel, topic) do update set status = excluded.status, updated_at = excluded.updated_at
       where consents.updated_at <= excluded.updated_at`,
      [contactId, change.channel, topic, workspaceId, change.status, at],
    );
  });
}

export async function contactConsents(em: EntityManager, contactId: string) {
  const [current, history] = await Promise.all([
    sql<{ channel: string; topic: string; status: string; updated_at: Date }>(
      em,
      'select channel, topic, status, updated_at from consents where contact_id = ? order by channel, topic',
      [contactId],
    ),
    sql<{
      channel: string;
      topic: string;
      status: string;
      source: string;
      proof: Record<string, unknown>;
      occurred_at: Date;
    }>(
      em,
      'select channel, topic, status, source, proof, occurred_at from consent_changes where contact_id = ? order by occurred_at desc, id desc limit 200',
      [contactId],
    ),
  ]);
  return {
    current: current.map((c) => ({
      channel: c.channel,
      topic: c.topic,
      status: c.status,
      updatedAt: new Date(c.updated_at).toISOString(),
    })),
    history: history.map(({ occurred_at, ...h }) => ({
      ...h,
      occurredAt: new Date(occurred_at).toISOString(),
    })),
  };
}
