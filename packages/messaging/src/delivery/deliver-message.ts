import type { Database, EntityManager } from '@switchboard/db';
import {
  PermanentSendError,
  type ChatGateway,
  type EmailSender,
  type SmsSender,
} from '@switchboard/channels';
import { recordConsent, sql, type ContactRow } from '@switchboard/contacts';
import { decideSend, type GateDecision } from '../gate/send-gate.ts';
import { channelAddress, loadGateFacts, lockContactForSending } from '../gate/gate-facts.ts';
import { warmupDailyLimit } from '../gate/warmup-ramp.ts';
import { loadMessagingPolicy, type MessagingPolicy } from '../policy/messaging-policy.ts';
import { recordMessageEvent, type MessageRow } from '../ledger/message-ledger.ts';
import { toDate } from '../ledger/timestamps.ts';
import { mailboxAddress, type EmailSettings } from '../email/compose-email.ts';
import { sendingDomainFor, type SendingDomainKey } from '../sending-domains/sending-domain-store.ts';
import { remainingToday, reserveSendToday } from '../sending-domains/send-counters.ts';
import {
  sendThroughChannel,
  type SentThroughChannel,
  type WorkspaceForSending,
} from './send-through-channel.ts';

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
}

export type DeliveryOutcome =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'suppressed'; rule: string; reason: string }
  | { outcome: 'deferred'; rule: string; until: string }
  | { outcome: 'failed'; error: string }
  | { outcome: 'finished'; status: string };

interface Claimed {
  message: MessageRow & { to_address: string };
  contact: ContactRow | null;
  workspace: WorkspaceForSending;
  policy: MessagingPolicy;
  domainKey: SendingDomainKey | null;
}

const OUTCOME_UNKNOWN = 'outcome_unknown';

/**
 * Sends one ledger message exactly once: claim and gate in one transaction (row lock + per-contact lock), talk to
 * the provider outside it, then record the result. A retry after a crash between claim and result finds the claim
 * and does not send again — the provider may already have the message, and a duplicate is worse than a gap.
 */
export async function deliverMessage(deps: DeliveryDeps, messageId: string): Promise<DeliveryOutcome> {
  const em = deps.db.orm.em.fork();
  const now = deps.now?.() ?? new Date();
  const claim = await em.transactional((tx) => claimForSending(tx, deps, messageId, now));
  if ('outcome' in claim) return claim;

  const { message } = claim;
  let sent: SentThroughChannel;
  try {
    sent = await sendThroughChannel(deps, claim);
  } catch (error) {
    if (error instanceof PermanentSendError) {
      await em.transactional((tx) => recordPermanentFailure(tx, claim, error));
      return { outcome: 'failed', error: error.message };
    }
    // Nothing reached the provider (or it refused for now): release the claim so the retry sends.
    await sql(
      em,
      `update messages set status = 'queued', error = ?, updated_at = now() where id = ? and status = 'sending'`,
      [(error as Error).message.slice(0, 2000), message.id],
    );
    throw error;
  }
  // The provider has it now. A database hiccup while recording must not turn into a resend: retry the write a few
  // times; if it still fails the claim stays, and the activity's retry reports the outcome as unknown.
  await withRetries(() => em.transactional((tx) => recordSent(tx, deps, message, sent)));
  return { outcome: 'sent', providerMessageId: sent.providerMessageId };
}

async function withRetries<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

async function recordSent(
  tx: EntityManager,
  deps: DeliveryDeps,
  message: MessageRow,
  sent: SentThroughChannel,
) {
  await sql(
    tx,
    `update messages set status = 'sent', sent_at = ?, provider = ?, provider_message_id = ?, subject = ?,
       body_hash = ?, segments = ?, cost = ?, cost_currency = ?, error = null, error_code = null,
       updated_at = now()
     where id = ? and (status = 'sending' or error_code = ?)`,
    [
      deps.now?.() ?? new Date(),
      sent.provider,
      sent.providerMessageId,
      sent.subject,
      sent.bodyHash,
      sent.segments,
      sent.cost,
      sent.costCurrency,
      message.id,
      OUTCOME_UNKNOWN,
    ],
  );
  await recordMessageEvent(tx, message, {
    kind: 'sent',
    detail: { provider: sent.provider, ...(sent.segments ? { segments: sent.segments } : {}) },
  });
}

async function claimForSending(
  tx: EntityManager,
  deps: DeliveryDeps,
  messageId: string,
  now: Date,
): Promise<Claimed | DeliveryOutcome> {
  const [message] = await sql<MessageRow>(tx, 'select * from messages where id = ? for update', [messageId]);
  if (!message) return { outcome: 'failed', error: `Message ${messageId} does not exist` };
  if (message.status === 'sending') {
    // A previous attempt claimed it and never reported back: it may have reached the provider, so never resend.
    await sql(
      tx,
      `update messages set status = 'failed', error_code = ?, updated_at = now(),
         error = 'The worker stopped while handing the message to the provider; not resent, to avoid a duplicate'
       where id = ?`,
      [OUTCOME_UNKNOWN, message.id],
    );
    await recordMessageEvent(tx, message, { kind: 'failed', detail: { code: OUTCOME_UNKNOWN } });
    return { outcome: 'failed', error: 'Outcome of the previous attempt unknown; not resent' };
  }
  if (message.status !== 'queued' && message.status !== 'deferred')
    return { outcome: 'finished', status: message.status };
  const deferredUntil = toDate(message.deferred_until);
  if (deferredUntil && deferredUntil > now)
    return { outcome: 'deferred', rule: 'not_yet', until: deferredUntil.toISOString() };

  const [contact] = message.contact_id
    ? await sql<ContactRow>(tx, 'select * from contacts where id = ?', [message.contact_id])
    : [];
  if (contact) await lockContactForSending(tx, contact.id);
  const [workspace] = await sql<WorkspaceForSending>(
    tx,
    'select id, name, postal_address, default_locale from workspaces where id = ?',
    [message.workspace_id],
  );
  if (!workspace) return { outcome: 'failed', error: 'The workspace no longer exists' };
  const policy = await loadMessagingPolicy(tx, message.workspace_id);

  let domainKey: SendingDomainKey | null = null;
  let warmupLimit: number | null = null;
  let fromAddress: string | null = null;
  if (message.channel === 'email') {
    const from = (message.content as { from?: string }).from ?? deps.email.defaultFrom;
    const address = mailboxAddress(from);
    fromAddress = address;
    domainKey = await sendingDomainFor(tx, message.workspace_id, address.slice(address.lastIndexOf('@') + 1));
    warmupLimit = warmupDailyLimit(domainKey?.warmupStartedAt ?? null, now);
  }
  const warmupScope = domainKey ? `warmup:${domainKey.id}` : '';
  const facts = await loadGateFacts(tx, {
    message,
    contact: contact ?? null,
    policy,
    now,
    warmupRemainingToday:
      warmupLimit === null || message.purpose === 'transactional'
        ? null
        : await remainingToday(tx, warmupScope, warmupLimit, now),
  });
  let decision: GateDecision = decideSend(facts);
  if (decision.outcome === 'send' && warmupLimit !== null && message.purpose === 'marketing') {
    if (!(await reserveSendToday(tx, warmupScope, warmupLimit, now)))
      decision = decideSend({ ...facts, warmupRemainingToday: 0 });
  }

  if (decision.outcome === 'suppress') {
    await sql(
      tx,
      `update messages set status = 'suppressed', gate_decision = ?::jsonb, error_code = ?, updated_at = now()
       where id = ?`,
      [JSON.stringify(decision), decision.rule, message.id],
    );
    await recordMessageEvent(tx, message, { kind: 'suppressed', detail: { rule: decision.rule } });
    return { outcome: 'suppressed', rule: decision.rule, reason: decision.reasons.join('; ') };
  }
  if (decision.outcome === 'defer') {
    await sql(
      tx,
      `update messages set status = 'deferred', deferred_until = ?, gate_decision = ?::jsonb, updated_at = now()
       where id = ?`,
      [decision.until, JSON.stringify(decision), message.id],
    );
    await recordMessageEvent(tx, message, {
      kind: 'deferred',
      detail: { rule: decision.rule, until: decision.until.toISOString() },
    });
    return { outcome: 'deferred', rule: decision.rule, until: decision.until.toISOString() };
  }

  const toAddress = channelAddress(contact!, message.channel)!;
  await sql(
    tx,
    `update messages set status = 'sending', claimed_at = ?, attempts = attempts + 1, to_address = ?,
       from_address = ?, gate_decision = ?::jsonb, sending_domain_id = ?, deferred_until = null, updated_at = now()
     where id = ?`,
    [now, toAddress, fromAddress, JSON.stringify(decision), domainKey?.id ?? null, message.id],
  );
  return {
    message: { ...message, to_address: toAddress },
    contact: contact ?? null,
    workspace,
    policy,
    domainKey,
  };
}

/** Twilio's 21610: the handset replied STOP to the carrier; honour it as an SMS opt-out on the contact. */
const TWILIO_UNSUBSCRIBED_RECIPIENT = 21610;

async function recordPermanentFailure(tx: EntityManager, claim: Claimed, error: PermanentSendError) {
  const { message } = claim;
  await sql(
    tx,
    `update messages set status = 'failed', error = ?, error_code = ?, updated_at = now() where id = ?`,
    [
      error.message.slice(0, 2000),
      error.providerCode === undefined ? null : String(error.providerCode),
      message.id,
    ],
  );
  await recordMessageEvent(tx, message, {
    kind: 'failed',
    detail: { error: error.message.slice(0, 500), code: error.providerCode ?? null },
  });
  if (
    message.channel === 'sms' &&
    Number(error.providerCode) === TWILIO_UNSUBSCRIBED_RECIPIENT &&
    message.contact_id
  ) {
    await recordConsent(tx, message.workspace_id, message.contact_id, {
      channel: 'sms',
      status: 'opted_out',
      source: 'inbound_keyword',
      proof: { text: 'Twilio error 21610: the recipient opted out with the carrier (replied STOP)' },
    });
  }
}
