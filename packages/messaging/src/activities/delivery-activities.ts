import type { Client } from '@temporalio/client';
import { sql } from '@switchboard/contacts';
import {
  deliverBatch,
  deliverMessage,
  type DeliveryDeps,
  type DeliveryOutcome,
} from '../delivery/deliver-message.ts';
import { startDelivery, type DeliveryQueues } from '../delivery/start-delivery.ts';
import { SendingSettingsCache } from '../delivery/sending-settings-cache.ts';
import { TemplateCache } from '../content/personalise.ts';
import { recordMessageEvent, type MessageRow } from '../ledger/message-ledger.ts';

export interface DeliveryActivityDeps extends DeliveryDeps {
  /** Needed by the sweep only (main worker); the WeChat gateway's worker leaves it out. */
  temporal?: { client: Client; queues: DeliveryQueues };
}

/** Activities over the send ledger; the worker wires real channels in, tests wire channels to local peers. */
export function createDeliveryActivities(input: DeliveryActivityDeps) {
  const deps: DeliveryActivityDeps = {
    ...input,
    settingsCache: input.settingsCache ?? new SendingSettingsCache(),
    templateCache: input.templateCache ?? new TemplateCache(),
    email: { ...input.email, textCache: input.email.textCache ?? new Map() },
  };
  return {
    deliverMessage(messageId: string): Promise<DeliveryOutcome> {
      return deliverMessage(deps, messageId);
    },

    /** A campaign batch: one claim transaction and one result statement for all of them. */
    async deliverBatch(messageIds: string[]): Promise<Record<string, DeliveryOutcome>> {
      return Object.fromEntries(await deliverBatch(deps, messageIds));
    },

    async abandonMessage(messageId: string, reason: string): Promise<DeliveryOutcome> {
      const em = deps.db.orm.em.fork();
      return em.transactional(async (tx) => {
        const [message] = await sql<MessageRow>(
          tx,
          `update messages set status = 'failed', error = ?, error_code = 'abandoned', updated_at = now()
           where id = ? and status in ('queued', 'deferred') returning *`,
          [reason, messageId],
        );
        if (message) await recordMessageEvent(tx, message, { kind: 'failed', detail: { reason } });
        return { outcome: 'failed', error: reason } as const;
      });
    },

    /** Queued messages older than a minute without a running workflow get one (starting twice is a no-op). */
    async resumeStalledMessages(): Promise<number> {
      if (!deps.temporal) return 0;
      const rows = await sql<{ id: string; channel: MessageRow['channel'] }>(
        deps.db.orm.em.fork(),
        `select id, channel from messages where status = 'queued' and source_kind in ('api', 'test', 'reply', 'system')
           and created_at < now() - interval '1 minute' order by created_at limit 1000`,
      );
      for (const row of rows) await startDelivery(deps.temporal.client, deps.temporal.queues, row);
      return rows.length;
    },
  };
}

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;
