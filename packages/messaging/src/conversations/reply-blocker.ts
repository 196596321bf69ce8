import type { EntityManager } from '@switchboard/db';
import { sql, suppressionHash, type ContactRow } from '@switchboard/contacts';
import { channelAddress } from '../gate/gate-facts.ts';
import type { Channel } from '../ledger/message-ledger.ts';

const IDENTITY_KIND = { email: 'email', sms: 'phone', wechat: 'wechatId' } as const;

/** Suppressions that stop even a one-to-one answer, strongest first. */
const BLOCKING = [
  ['erasure', 'the person asked to be erased'],
  ['complaint', 'they reported our email as spam'],
  ['bounce', 'the address bounced'],
] as const;

const CHANNEL_NAME = { email: 'email', sms: 'SMS', wechat: 'WeChat' } as const;

/**
 * Why an agent cannot answer this contact on this channel, or null when they can. Replies are transactional, so
 * marketing consent and caps do not apply; but an erasure, a complaint, a hard bounce or an opt-out of the whole
 * channel (a STOP) still does: a person who texted STOP gets nothing more by SMS, not even from a human.
 */
export async function replyBlocker(
  em: EntityManager,
  contact: ContactRow,
  channel: Channel,
): Promise<{ rule: string; reason: string } | null> {
  const address = channelAddress(contact, channel);
  if (!address)
    return { rule: 'no_address', reason: `The contact has no ${CHANNEL_NAME[channel]} address any more` };
  const [row] = await sql<{ reasons: string[]; opted_out: boolean }>(
    em,
    `select coalesce((select array_agg(reason) from suppressions where workspace_id = ? and value_hash = ?), '{}')
       as reasons,
     exists(select 1 from consents where contact_id = ? and channel = ? and topic = '' and status = 'opted_out')
       as opted_out`,
    [contact.workspace_id, suppressionHash(IDENTITY_KIND[channel], address), contact.id, channel],
  );
  const blocking = BLOCKING.find(([reason]) => row?.reasons.includes(reason));
  if (blocking)
    return {
      rule: `suppressed_${blocking[0]}`,
      reason: `This contact can't receive ${CHANNEL_NAME[channel]}: ${blocking[1]}`,
    };
  if (row?.opted_out)
    return {
      rule: 'consent_channel',
      reason: `This contact can't receive ${CHANNEL_NAME[channel]}: they opted out${channel === 'email' ? '' : ' (STOP)'}`,
    };
  return null;
}
