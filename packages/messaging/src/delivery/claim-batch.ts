import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { PermanentSendError } from '@switchboard/channels';
import { list, OPAQUE_TEXT_LIST, sql, TEXT_LIST, type ContactRow } from '@switchboard/contacts';
import { decideSend, type GateDecision, type GateFacts } from '../gate/send-gate.ts';
import {
  channelAddress,
  loadGateFacts,
  lockContactsForSending,
  type GateSubject,
} from '../gate/gate-facts.ts';
import { warmupDailyLimit } from '../gate/warmup-ramp.ts';
import { recordMessageEvent, type MessageRow } from '../ledger/message-ledger.ts';
import { toDate } from '../ledger/timestamps.ts';
import { mailboxAddress } from '../email/compose-email.ts';
import { remainingToday, reserveSendToday } from '../sending-domains/send-counters.ts';
import type { SendingDomainKey } from '../sending-domains/sending-domain-store.ts';
import type { MessagingPolicy } from '../policy/messaging-policy.ts';
import type { DeliveryDeps, DeliveryOutcome } from './deliver-message.ts';
import { SendingSettingsCache } from './sending-settings-cache.ts';
import { resolveContent, TemplateVersionMissing } from '../content/template-content.ts';
import { recordPermanentFailure } from './record-results.ts';
import type { WorkspaceForSending } from './send-through-channel.ts';

export interface Claimed {
  /** This attempt's claim: only it may hand these messages to the provider. */
  claimId: string;
  message: MessageRow & { to_address: string };
  contact: ContactRow | null;
  workspace: WorkspaceForSending;
  policy: MessagingPolicy;
  domainKey: SendingDomainKey | null;
}

export const OUTCOME_UNKNOWN = 'outcome_unknown';

interface Candidate extends GateSubject {
  workspace: WorkspaceForSending;
  domainKey: SendingDomainKey | null;
  fromAddress: string | null;
  warmupLimit: number | null;
}

/**
 * Claims a batch of ledger messages in one transaction: locks the rows and their contacts, asks the gate about each,
 * records suppressions and deferrals, and marks the rest `sending`. What comes back claimed may go to the provider;
 * everything else already has its outcome.
 */
export async function claimBatch(
  tx: EntityManager,
  deps: DeliveryDeps,
  messageIds: string[],
  now: Date,
): Promise<Map<string, Claimed | DeliveryOutcome>> {
  const results = new Map<string, Claimed | DeliveryOutcome>();
  const claimId = randomUUID();
  const rows = await sql<MessageRow & { contact: ContactRow | null }>(
    tx,
    `select m.*, to_jsonb(c) as contact from messages m left join contacts c on c.id = m.contact_id
     where m.id = any(${OPAQUE_TEXT_LIST}::uuid[]) order by m.id for update of m`,
    [list(messageIds)],
  );
  for (const id of messageIds) results.set(id, { outcome: 'failed', error: `Message ${id} does not exist` });

  const claimable: (MessageRow & { contact: ContactRow | null })[] = [];
  for (const row of rows) {
    const early = await settledBeforeClaim(tx, row, now);
    if (early) results.set(row.id, early);
    else claimable.push(row);
  }
  await lockContactsForSending(
    tx,
    claimable.flatMap((m) => (m.contact_id ? [m.contact_id] : [])),
  );

  const settings = deps.settingsCache ?? new SendingSettingsCache(0);
  const candidates: Candidate[] = [];
  for (const { contact, ...message } of claimable) {
    try {
      message.content = await resolveContent(
        message.content,
        (versionId) => settings.templateVersion(tx, versionId),
        deps.email.defaultFrom,
      );
    } catch (error) {
      if (!(error instanceof TemplateVersionMissing)) throw error;
      await recordPermanentFailure(tx, message, new PermanentSendError(error.message, 'template'));
      results.set(message.id, { outcome: 'failed', error: error.message });
      continue;
    }
    const workspace = await settings.workspace(tx, message.workspace_id);
    if (!workspace) {
      results.set(message.id, { outcome: 'failed', error: 'The workspace no longer exists' });
      continue;
    }
    const policy = await settings.policy(tx, message.workspace_id);
    let domainKey: SendingDomainKey | null = null;
    let fromAddress: string | null = null;
    if (message.channel === 'email') {
      fromAddress = mailboxAddress((message.content as { from?: string }).from ?? deps.email.defaultFrom);
      const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
      domainKey = await settings.sendingDomain(tx, message.workspace_id, domain);
    }
    const warmupLimit =
      message.purpose === 'marketing' ? warmupDailyLimit(domainKey?.warmupStartedAt ?? null, now) : null;
    candidates.push({
      message,
      contact,
      policy,
      workspace,
      domainKey,
      fromAddress,
      warmupLimit,
      warmupRemainingToday:
        warmupLimit === null || !domainKey
          ? null
          : await remainingToday(tx, `warmup:${domainKey.id}`, warmupLimit, now),
    });
  }

  const facts = await loadGateFacts(tx, candidates, now);
  // Two messages to one contact in the same batch: the second must see the first under the frequency cap.
  const sentInBatch = new Map<string, number>();
  const claims: { candidate: Candidate; decision: GateDecision; to: string }[] = [];
  for (const candidate of candidates) {
    const { message } = candidate;
    const base = facts.get(message.id)!;
    const earlier = message.contact_id ? (sentInBatch.get(message.contact_id) ?? 0) : 0;
    const fact: GateFacts = { ...base, recentMarketingCount: base.recentMarketingCount + earlier };
    let decision = decideSend(fact);
    if (decision.outcome === 'send' && candidate.warmupLimit !== null && candidate.domainKey) {
      const reserved = await reserveSendToday(
        tx,
        `warmup:${candidate.domainKey.id}`,
        candidate.warmupLimit,
        now,
      );
      if (!reserved) decision = decideSend({ ...fact, warmupRemainingToday: 0 });
    }
    if (decision.outcome === 'suppress' || decision.outcome === 'defer') {
      results.set(message.id, await recordHeldBack(tx, message, decision));
      continue;
    }
    if (message.purpose === 'marketing' && message.contact_id)
      sentInBatch.set(message.contact_id, earlier + 1);
    claims.push({ candidate, decision, to: channelAddress(candidate.contact!, message.channel)! });
  }

  if (claims.length > 0)
    await sql(
      tx,
      `update messages m set status = 'sending', claimed_at = ?, attempts = m.attempts + 1, to_address = v.to_address,
         from_address = v.from_address, gate_decision = v.gate::jsonb, sending_domain_id = v.domain::uuid,
         deferred_until = null, handed_at = null, claim_id = ?::uuid, updated_at = now()
       from unnest(${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST}, ${TEXT_LIST})
         as v(id, to_address, from_address, gate, domain)
       where m.id = v.id::uuid`,
      [
        now,
        claimId,
        list(claims.map((c) => c.candidate.message.id)),
        list(claims.map((c) => c.to)),
        list(claims.map((c) => c.candidate.fromAddress)),
        list(claims.map((c) => JSON.stringify(c.decision))),
        list(claims.map((c) => c.candidate.domainKey?.id ?? null)),
      ],
    );
  for (const { candidate, to } of claims)
    results.set(candidate.message.id, {
      claimId,
      message: { ...candidate.message, to_address: to },
      contact: candidate.contact,
      workspace: candidate.workspace,
      policy: candidate.policy,
      domainKey: candidate.domainKey,
    });
  return results;
}

/** Messages that need no gate: finished, claimed by an attempt that never reported back, or not due yet. */
async function settledBeforeClaim(
  tx: EntityManager,
  message: MessageRow,
  now: Date,
): Promise<DeliveryOutcome | null> {
  // Claimed by an attempt that stopped before handing it over: nothing left, so it goes through the gate again.
  if (message.status === 'sending' && !message.handed_at) return null;
  if (message.status === 'sending') {
    // Handed to the provider by an attempt that never reported back: it may have arrived, so never resend.
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
  return null;
}

async function recordHeldBack(
  tx: EntityManager,
  message: MessageRow,
  decision: Exclude<GateDecision, { outcome: 'send' }>,
): Promise<DeliveryOutcome> {
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
