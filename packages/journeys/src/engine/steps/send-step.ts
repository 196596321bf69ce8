import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import {
  deliverMessage,
  enqueueMessage,
  type DeliveryDeps,
  type DeliveryOutcome,
} from '@switchboard/messaging';
import type { JourneyNode } from '../../definition/journey-graph.ts';
import {
  finishInstance,
  perVisit,
  recordSteps,
  type InstanceRow,
  type StepRecord,
  type VersionRow,
} from '../instance-store.ts';

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

/** What a send step did, and the record of its outcome for the caller to write (null while it is not over). */
export interface SendStepRun {
  result: SendStepResult;
  record: StepRecord | null;
}

/** What leads into a send: the records of the step before it that end there, and the waits they end. */
export interface SendArrival {
  records: StepRecord[];
  dropWaits: string[];
}

const ended: SendStepRun = { result: { outcome: 'ended' }, record: null };

/**
 * Writes the step's ledger row (its key is the instance, the step and the visit, so a retried activity finds the
 * same row) and, for email and SMS, delivers it here through the gate: consent, suppression, caps, quiet hours and
 * warm-up all apply. The template sees the trigger's data as `event`. The instance has arrived at the step already
 * (`arriveWithInstance`, once per visit, with what `SendArrival` brings from the step before); the outcome is left
 * to the caller, which writes it with what follows the step.
 */
export async function runSendStep(
  deps: DeliveryDeps,
  instance: InstanceRow,
  version: VersionRow,
  node: SendNode,
  visit: number,
): Promise<SendStepRun> {
  const em = deps.db.orm.em.fork();
  if (instance.journey_status === 'archived') {
    await finishInstance(em, instance, {
      nodeId: node.id,
      status: 'exited',
      reason: 'The journey was archived',
    });
    return ended;
  }
  if (instance.journey_status === 'paused')
    return { result: { outcome: 'held', retryInMs: PAUSED_RETRY_MS }, record: null };

  const idempotencyKey = `journey:${instance.id}:${node.id}:${visit}`;
  const address = {
    email: instance.contact_email,
    sms: instance.contact_phone,
    wechat: instance.contact_wechat_id,
  }[node.config.channel];
  if (!address)
    return {
      result: { outcome: 'unreachable', messageId: null },
      record: perVisit(node.id, 'unreachable', visit, { channel: node.config.channel }),
    };
  const quietUntil = await quietPeriodEnd(
    em,
    instance,
    version.graph.settings.quietPeriodHours,
    idempotencyKey,
  );
  if (quietUntil)
    return {
      result: { outcome: 'deferred', messageId: null, until: quietUntil.toISOString() },
      record: null,
    };
  const templateVersion = node.config.templateId
    ? version.template_versions[node.config.templateId]
    : undefined;
  if (!templateVersion)
    // Publishing pins every send's template, so this is a version written by hand or a deleted template.
    return {
      result: { outcome: 'failed', messageId: null },
      record: perVisit(node.id, 'failed', visit, { error: 'No published template version' }),
    };

  const { message } = await enqueueMessage(em, {
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
  if (node.config.channel === 'wechat')
    return { result: { outcome: 'queued', messageId: message.id }, record: null };
  const delivered = await deliverMessage(deps, message.id, { mayHoldReplies: false });
  const result = stepOutcomeOf(delivered, message.id);
  return { result, record: result.outcome === 'deferred' ? null : sendOutcomeRecord(node.id, result) };
}

/** The final outcome of a send step, once per message (a retry of the recording finds it already there). */
export function sendOutcomeRecord(nodeId: string, result: SendStepResult): StepRecord {
  const messageId = 'messageId' in result ? result.messageId : null;
  return messageId
    ? {
        nodeId,
        outcome: result.outcome,
        detail: { messageId },
        once: { key: 'messageId', value: messageId, anyOutcome: true },
        evenIfEnded: true,
      }
    : { nodeId, outcome: result.outcome, evenIfEnded: true };
}

/** Records the final outcome of a send step that finished later (after a deferral or the gateway's delivery). */
export async function recordSendOutcome(
  em: EntityManager,
  instance: Pick<InstanceRow, 'id' | 'journey_id'>,
  nodeId: string,
  result: SendStepResult,
): Promise<void> {
  await recordSteps(em, instance.id, nodeId, [sendOutcomeRecord(nodeId, result)]);
}
