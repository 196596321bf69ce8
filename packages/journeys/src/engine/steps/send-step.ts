import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import {
  deliverMessage,
  enqueueMessage,
  type DeliveryDeps,
  type DeliveryOutcome,
} from '@switchboard/messaging';
import type { JourneyNode } from '../../definition/journey-graph.ts';
import { finishInstance, recordStep, type InstanceRow, type VersionRow } from '../instance-store.ts';

type SendNode = Extract<JourneyNode, { type: 'send' }>;

/**
 * What a send step came to. `deferred` (quiet hours, warm-up, the journey's quiet period) and `queued` (a WeChat
 * message for the gateway's queue) are not final: the workflow waits or hands the message over, then asks again.
 */
export type SendStepResult =
  | { outcome: 'sent' | 'suppressed' | 'failed' | 'unreachable'; messageId: string | null }
  | { outcome: 'deferred'; messageId: string | null; until: string }
  | { outcome: 'queued'; messageId: string }
  | { outcome: 'held'; retryInMs: number }
  | { outcome: 'ended' };

/** While a journey is paused its sends wait; they look again this often. */
export const PAUSED_RETRY_MS = 10 * 60_000;

/** A delivery outcome as the step reports it (a retried activity finds the message already `finished`). */
export function stepOutcomeOf(outcome: DeliveryOutcome, messageId: string): SendStepResult {
  switch (outcome.outcome) {
    case 'sent':
      return { outcome: 'sent', messageId };
    case 'suppressed':
      return { outcome: 'suppressed', messageId };
    case 'deferred':
      return { outcome: 'deferred', messageId, until: outcome.until };
    case 'failed':
      return { outcome: 'failed', messageId };
    case 'finished':
      return {
        outcome: ['failed', 'bounced'].includes(outcome.status)
          ? 'failed'
          : outcome.status === 'suppressed'
            ? 'suppressed'
            : 'sent',
        messageId,
      };
  }
}

/** When the journey's own quiet period lets the next message go, or null when it may go now. */
async function quietPeriodEnd(
  em: EntityManager,
  instance: InstanceRow,
  hours: number,
  idempotencyKey: string,
): Promise<Date | null> {
  if (hours <= 0) return null;
  const [last] = await sql<{ at: Date }>(
    em,
    `select coalesce(sent_at, created_at) as at from messages
     where contact_id = ? and source_kind = 'journey' and source_id = ? and idempotency_key <> ?
       and status not in ('failed', 'suppressed', 'queued', 'deferred')
     order by coalesce(sent_at, created_at) desc limit 1`,
    [instance.contact_id, instance.journey_id, idempotencyKey],
  );
  if (!last) return null;
  const end = new Date(new Date(last.at).getTime() + hours * 3_600_000);
  return end.getTime() > Date.now() ? end : null;
}

/**
 * Writes the step's ledger row (its key is the instance, the step and the visit, so a retried activity finds the
 * same row) and, for email and SMS, delivers it here through the gate: consent, suppression, caps, quiet hours and
 * warm-up all apply. The template sees the trigger's data as `event`.
 */
export async function runSendStep(
  deps: DeliveryDeps,
  instance: InstanceRow,
  version: VersionRow,
  node: SendNode,
  visit: number,
): Promise<SendStepResult> {
  const em = deps.db.orm.em.fork();
  if (instance.status !== 'active') return { outcome: 'ended' };
  if (instance.journey_status === 'archived') {
    await finishInstance(em, instance, {
      nodeId: node.id,
      status: 'exited',
      reason: 'The journey was archived',
    });
    return { outcome: 'ended' };
  }
  if (instance.journey_status === 'paused') return { outcome: 'held', retryInMs: PAUSED_RETRY_MS };

  const idempotencyKey = `journey:${instance.id}:${node.id}:${visit}`;
  const address = {
    email: instance.contact_email,
    sms: instance.contact_phone,
    wechat: instance.contact_wechat_id,
  }[node.config.channel];
  if (!address) {
    await recordStep(em, instance, node.id, ['reached', 'unreachable'], { channel: node.config.channel });
    return { outcome: 'unreachable', messageId: null };
  }
  const quietUntil = await quietPeriodEnd(
    em,
    instance,
    version.graph.settings.quietPeriodHours,
    idempotencyKey,
  );
  if (quietUntil) {
    await recordStep(em, instance, node.id, ['reached']);
    return { outcome: 'deferred', messageId: null, until: quietUntil.toISOString() };
  }
  const templateVersion = node.config.templateId
    ? version.template_versions[node.config.templateId]
    : undefined;
  if (!templateVersion) {
    // Publishing pins every send's template, so this is a version written by hand or a deleted template.
    await recordStep(em, instance, node.id, ['reached', 'failed'], {
      error: 'No published template version',
    });
    return { outcome: 'failed', messageId: null };
  }

  const { message } = await em.transactional(async (tx) => {
    const enqueued = await enqueueMessage(tx, {
      workspaceId: instance.workspace_id,
      contactId: instance.contact_id,
      idempotencyKey,
      sourceKind: 'journey',
      sourceId: instance.journey_id,
      channel: node.config.channel,
      purpose: node.config.purpose,
      topic: node.config.topic,
      content: { kind: 'template', versionId: templateVersion, event: instance.trigger_data },
      journey: { versionId: instance.version_id, node: node.id },
    });
    if (enqueued.created) await recordStep(tx, instance, node.id, ['reached']);
    return enqueued;
  });
  if (node.config.channel === 'wechat') return { outcome: 'queued', messageId: message.id };
  const delivered = await deliverMessage(deps, message.id, { mayHoldReplies: false });
  const result = stepOutcomeOf(delivered, message.id);
  if (result.outcome !== 'deferred') await recordSendOutcome(em, instance, node.id, result);
  return result;
}

/** The final outcome of a send step, once (a retry of the recording finds it already there). */
export async function recordSendOutcome(
  em: EntityManager,
  instance: Pick<InstanceRow, 'id' | 'journey_id'>,
  nodeId: string,
  result: SendStepResult,
): Promise<void> {
  const messageId = 'messageId' in result ? result.messageId : null;
  if (!messageId) {
    await recordStep(em, instance, nodeId, [result.outcome]);
    return;
  }
  // The check and the record in one statement: this runs for every message a journey sends.
  await sql(
    em,
    `with moved as (update journey_instances set current_node = ? where id = ? and status = 'active')
     insert into journey_step_events (journey_id, instance_id, node_id, outcome, detail, at)
     select ?, ?, ?, ?, ?::jsonb, clock_timestamp()
     where not exists (
       select 1 from journey_step_events where instance_id = ? and node_id = ? and detail->>'messageId' = ?
     )`,
    [
      nodeId,
      instance.id,
      instance.journey_id,
      instance.id,
      nodeId,
      result.outcome,
      JSON.stringify({ messageId }),
      instance.id,
      nodeId,
      messageId,
    ],
  );
}
