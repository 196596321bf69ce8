import type { EntityManager } from '@switchboard/db';
import { recordConsent, sql } from '@switchboard/contacts';
import type { UpdateAction } from '../../definition/journey-graph.ts';
import type { InstanceRow } from '../instance-store.ts';

/** Points a journey gives or takes; the lead score counts them with its rules (see scoring's rescore). */
export const SCORE_ADJUSTED_EVENT = 'score_adjusted';

async function recordEvent(em: EntityManager, instance: InstanceRow, name: string, properties: object) {
  await sql(
    em,
    `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
     values (?, ?, ?, ?::jsonb, 'journey', now(), now())`,
    [instance.workspace_id, instance.contact_id, name, JSON.stringify(properties)],
  );
}

/**
 * Changes the contact as the step says, on their timeline with the journey named. Each change is idempotent for a
 * retried activity except the score, which is guarded by the step event written in the same transaction.
 */
export async function applyUpdate(
  em: EntityManager,
  instance: InstanceRow,
  action: UpdateAction,
): Promise<void> {
  const journey = { journeyId: instance.journey_id, journey: instance.journey_name };
  switch (action.kind) {
    case 'attribute':
      await sql(
        em,
        action.value === null
          ? `update contacts set attributes = attributes - ?, updated_at = now() where id = ?`
          : `update contacts set attributes = jsonb_set(attributes, array[?], ?::jsonb), updated_at = now() where id = ?`,
        action.value === null
          ? [action.key, instance.contact_id]
          : [action.key, JSON.stringify(action.value), instance.contact_id],
      );
      return;
    case 'addTag':
      await sql(
        em,
        `update contacts set tags = (select array_agg(distinct t order by t) from unnest(tags || array[?]::text[]) t),
           updated_at = now() where id = ? and not (? = any(tags))`,
        [action.tag, instance.contact_id, action.tag],
      );
      return;
    case 'removeTag':
      await sql(
        em,
        `update contacts set tags = array_remove(tags, ?), updated_at = now() where id = ? and ? = any(tags)`,
        [action.tag, instance.contact_id, action.tag],
      );
      return;
    case 'score':
      await recordEvent(em, instance, SCORE_ADJUSTED_EVENT, { points: action.points, ...journey });
      return;
    case 'lifecycle': {
      const [before] = await sql<{ lifecycle_stage: string }>(
        em,
        'select lifecycle_stage from contacts where id = ? for update',
        [instance.contact_id],
      );
      if (!before || before.lifecycle_stage === action.stage) return;
      await sql(em, 'update contacts set lifecycle_stage = ?, updated_at = now() where id = ?', [
        action.stage,
        instance.contact_id,
      ]);
      await recordEvent(em, instance, 'lifecycle_changed', {
        from: before.lifecycle_stage,
        to: action.stage,
        reason: `Set by the journey "${instance.journey_name}"`,
        ...journey,
      });
      return;
    }
    case 'consent':
      await recordConsent(em, instance.workspace_id, instance.contact_id, {
        channel: action.channel,
        topic: action.topic,
        status: action.status,
        source: 'admin',
        proof: { text: `Journey "${instance.journey_name}" (${instance.journey_id})` },
      });
      return;
  }
}
