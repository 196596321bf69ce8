import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { findMessage, recordMessageEvent, advanceMessageStatus } from '../ledger/message-ledger.ts';
import { classifyTrackingHit } from './machine-hits.ts';
import { toDate } from '../ledger/timestamps.ts';
import { readClickToken, readMessageToken } from './tracking-tokens.ts';

export interface HitContext {
  method: string;
  userAgent: string | undefined;
  ip: string | undefined;
  at?: Date;
}

async function lockedMessage(em: EntityManager, messageId: string) {
  await sql(em, 'select id from messages where id = ? for update', [messageId]);
  return findMessage(em, messageId);
}

/**
 * An open pixel hit. Machine opens (Apple MPP, scanners, HEAD) are kept as events flagged `machine` but do not move
 * the message to "opened" and do not count in segments or A/B winners. Unknown or forged tokens record nothing.
 */
export async function recordOpen(em: EntityManager, secret: string, token: string, hit: HitContext) {
  const messageId = readMessageToken(secret, 'open', token);
  if (!messageId) return;
  await em.transactional(async (tx) => {
    const message = await lockedMessage(tx, messageId);
    if (!message) return;
    const at = hit.at ?? new Date();
    const verdict = classifyTrackingHit({ kind: 'open', ...hit, sentAt: toDate(message.sent_at), at });
    await recordMessageEvent(tx, message, {
      kind: 'opened',
      machine: verdict.machine,
      at,
      detail: { ...(verdict.reason ? { why: verdict.reason } : {}), userAgent: hit.userAgent ?? null },
    });
    if (!verdict.machine) await advanceMessageStatus(tx, message, 'opened');
  });
}

/**
 * A tracked click: the signed token names the target, so the redirect goes only where the message linked. Returns
 * the URL to redirect to, or null for a forged or malformed token (the caller answers 404, never a redirect).
 */
export async function recordClick(
  em: EntityManager,
  secret: string,
  token: string,
  hit: HitContext,
): Promise<string | null> {
  const target = readClickToken(secret, token);
  if (!target) return null;
  await em.transactional(async (tx) => {
    const message = await lockedMessage(tx, target.messageId);
    if (!message) return;
    const at = hit.at ?? new Date();
    const verdict = classifyTrackingHit({ kind: 'click', ...hit, sentAt: toDate(message.sent_at), at });
    await recordMessageEvent(tx, message, {
      kind: 'clicked',
      machine: verdict.machine,
      url: target.url,
      at,
      detail: { ...(verdict.reason ? { why: verdict.reason } : {}), userAgent: hit.userAgent ?? null },
    });
    if (!verdict.machine) await advanceMessageStatus(tx, message, 'clicked');
  });
  return target.url;
}
