import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { recordAudit, type Actor } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { InputError } from '../inputs/request-inputs.ts';
import type { CONSENT_CHANNELS } from './consent.ts';

export interface TopicInput {
  key: string;
  label: string;
  description?: string | null;
  channels: (typeof CONSENT_CHANNELS)[number][];
}

/**
 * Defined topics plus topics that consents use without a definition, each with how many contacts are opted in on
 * each channel, so marketers see what their audience actually agreed to.
 */
export async function listTopics(em: EntityManager, workspaceId: string) {
  const [defined, usage] = await Promise.all([
    sql<{ key: string; label: string; description: string | null; channels: string[] }>(
      em,
      'select key, label, description, channels from subscription_topics where workspace_id = ? order by key',
      [workspaceId],
    ),
    sql<{ topic: string; channel: string; opted_in: string }>(
      em,
      `select topic, channel, count(*) filter (where status = 'opted_in') as opted_in from consents
       where workspace_id = ? and topic <> '' group by topic, channel`,
      [workspaceId],
    ),
  ]);
  const optedIn = new Map<string, Record<string, number>>();
  for (const u of usage) optedIn.set(u.topic, { ...optedIn.get(u.topic), [u.channel]: Number(u.opted_in) });
  const keys = [...new Set([...defined.map((d) => d.key), ...usage.map((u) => u.topic)])].sort();
  return keys.map((key) => {
    const topic = defined.find((d) => d.key === key);
    return {
      key,
      defined: Boolean(topic),
      label: topic?.label ?? key,
      description: topic?.description ?? null,
      channels: topic?.channels ?? Object.keys(optedIn.get(key) ?? {}),
      optedIn: optedIn.get(key) ?? {},
    };
  });
}

/** Defines a topic or updates its label, description and channels (the key is what consents refer to, so it stays). */
export async function saveTopic(em: EntityManager, workspaceId: string, input: TopicInput, actor: Actor) {
  if (!/^[a-z0-9_-]{1,100}$/.test(input.key))
    throw new InputError({ key: 'use lower-case letters, digits, _ and - (at most 100)' });
  if (input.channels.length === 0) throw new InputError({ channels: 'Pick at least one channel' });
  await sql(
    em,
    `insert into subscription_topics (id, workspace_id, key, label, description, channels, created_at)
     values (?, ?, ?, ?, ?, ?::jsonb, now())
     on conflict (workspace_id, key) do update set label = excluded.label, description = excluded.description,
       channels = excluded.channels`,
    [
      randomUUID(),
      workspaceId,
      input.key,
      input.label.trim() || input.key,
      input.description ?? null,
      JSON.stringify(input.channels),
    ],
  );
  recordAudit(em, { workspaceId, actor, action: 'topic.saved', details: { key: input.key } });
  await em.flush();
}
