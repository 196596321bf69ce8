import type { Database } from '@switchboard/db';
import {
  PermanentSendError,
  type ChatGateway,
  type EmailSender,
  type SmsSender,
} from '@switchboard/channels';
import type { EmailSettings } from '../email/compose-email.ts';
import type { ThroughputLimiter } from '../gate/throughput-limiter.ts';
import type { TemplateCache } from '../content/personalise.ts';
import type { SendingSettingsCache } from './sending-settings-cache.ts';
import { claimBatch, type Claimed } from './claim-batch.ts';
import { recordPermanentFailure, releaseClaims } from './record-results.ts';
import { HandOver } from './hand-over.ts';
import { SentRecorder } from './sent-recorder.ts';
import { sendThroughChannel, type SentThroughChannel } from './send-through-channel.ts';
import { waitForEarlierReplies } from '../conversations/reply-order.ts';

export interface DeliveryChannels {
  email?: EmailSender | undefined;
  sms?: SmsSender | undefined;
  /** Only the process holding the WeChat bot has it; chat deliveries run on that process's task queue. */
  chat?: ChatGateway | undefined;
}

export interface DeliveryDeps {
  db: Database;
  channels: DeliveryChannels;
  email: EmailSettings;
  /** Where Twilio reports delivery statuses (the server's /hooks/twilio/status); null = no callbacks. */
  smsStatusCallbackUrl: string | null;
  now?: () => Date;
  /** Workspace settings kept for a few seconds per process; without it every send reads them. */
  settingsCache?: SendingSettingsCache;
  /** How many messages of a batch are handed to the provider at once (default 20). */
  sendConcurrency?: number;
  /** Parsed Liquid templates, reused across the messages of a campaign. */
  templateCache?: TemplateCache;
  /** Per-channel provider rate limits for this process (messages per second). */
  throughput?: Partial<Record<'email' | 'sms' | 'wechat', ThroughputLimiter>>;
  /** Called while a batch makes progress or waits out a database outage (a Temporal activity's heartbeat). */
  heartbeat?: () => void;
}

export interface DeliveryOptions {
  /**
   * False when the caller knows none of the messages is an agent's reply in a conversation (a journey's or a
   * campaign's), so there is no earlier reply to wait for and the query that looks for one is skipped.
   */
  mayHoldReplies?: boolean;
}

export type DeliveryOutcome =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'suppressed'; rule: string; reason: string }
  | { outcome: 'deferred'; rule: string; until: string }
  | { outcome: 'failed'; error: string }
  | { outcome: 'finished'; status: string };

/**
 * Sends ledger messages exactly once: claim and gate the whole batch in one transaction (row locks + per-contact
 * locks), talk to the provider outside it, then record the results. A retry after a crash between claim and result
 * finds the claim and does not send again — the provider may already have the message, and a duplicate is worse
 * than a gap. Provider outages release their claims and throw, so Temporal retries the batch; messages already sent
 * come back as `finished` on that retry.
 */
export async function deliverBatch(
  deps: DeliveryDeps,
  messageIds: string[],
  options: DeliveryOptions = {},
): Promise<Map<string, DeliveryOutcome>> {
  const em = deps.db.orm.em.fork();
  if (options.mayHoldReplies !== false) await waitForEarlierReplies(em, messageIds);
  const now = deps.now?.() ?? new Date();
  const claimed = await em.transactional((tx) => claimBatch(tx, deps, messageIds, now));
  const outcomes = new Map<string, DeliveryOutcome>();
  const toSend: Claimed[] = [];
  for (const [id, result] of claimed) {
    if ('outcome' in result) outcomes.set(id, result);
    else toSend.push(result);
  }

  const sent: { message: Claimed['message']; result: SentThroughChannel }[] = [];
  const transient: { id: string; error: unknown }[] = [];
  const concurrency = deps.sendConcurrency ?? 20;
  const handOver = new HandOver(
    em,
    toSend[0]?.claimId ?? '',
    toSend.map((c) => c.message.id),
    concurrency,
  );
  const recorder = new SentRecorder(em, () => deps.now?.() ?? new Date(), 50, deps.heartbeat);
  await inParallel(toSend, concurrency, async (claim, index) => {
    try {
      await deps.throughput?.[claim.message.channel]?.take();
      if (!(await handOver.mayHandOver(index))) {
        // Another attempt re-claimed it meanwhile; that attempt sends it.
        outcomes.set(claim.message.id, { outcome: 'finished', status: 'sending' });
        return;
      }
      const result = await sendThroughChannel(deps, claim);
      sent.push({ message: claim.message, result });
      recorder.add({ message: claim.message, result });
      deps.heartbeat?.();
    } catch (error) {
      if (error instanceof PermanentSendError) {
        await em.fork().transactional((tx) => recordPermanentFailure(tx, claim.message, error));
        outcomes.set(claim.message.id, { outcome: 'failed', error: error.message });
      } else transient.push({ id: claim.message.id, error });
    }
  });
  // The provider has these now: the rest of the recorded results (most were written while the batch went out).
  await recorder.flush();
  for (const { message, result } of sent)
    outcomes.set(message.id, { outcome: 'sent', providerMessageId: result.providerMessageId });
  if (transient.length > 0) {
    await releaseClaims(em.fork(), transient);
    throw transient[0]!.error;
  }
  return outcomes;
}

/** One message: a batch of one (the API, keyword replies, agents' messages). */
export async function deliverMessage(
  deps: DeliveryDeps,
  messageId: string,
  options: DeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const outcomes = await deliverBatch(deps, [messageId], options);
  return outcomes.get(messageId) ?? { outcome: 'failed', error: `Message ${messageId} does not exist` };
}

async function inParallel<T>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}
