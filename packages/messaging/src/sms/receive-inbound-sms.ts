import type { EntityManager } from '@switchboard/db';
import { normalisePhone, recordConsent, sql, uuidV7 } from '@switchboard/contacts';
import { enqueueMessage, type MessageRow } from '../ledger/message-ledger.ts';
import { loadMessagingPolicy } from '../policy/messaging-policy.ts';
import { lastSentTo, markReplied } from '../ledger/replies.ts';
import { classifySmsKeyword, type SmsKeyword } from './sms-keywords.ts';
import { keywordReply } from './keyword-replies.ts';
import { fileInbound, smsThreadKey } from '@switchboard/inbox';

export interface InboundSmsInput {
  providerMessageId: string;
  from: string;
  to: string;
  body: string;
}

export interface InboundSmsResult {
  keyword: SmsKeyword['kind'];
  /** Confirmation replies queued (one per workspace that knows the number); the caller starts their delivery. */
  replies: MessageRow[];
  stored: number;
}

interface Recipient {
  contact_id: string;
  workspace_id: string;
  workspace_name: string;
}

/**
 * A text someone sent to our number. The number is shared by every workspace that messages it, so a keyword applies
 * to each workspace where this phone is a contact (a STOP to the number must stop everyone sending from it). Each
 * gets the message on the contact's timeline, linked to the last text we sent it. An unknown number becomes a new
 * contact of the oldest workspace, so nothing someone wrote us is dropped. A redelivered webhook is a no-op.
 */
export async function receiveInboundSms(
  em: EntityManager,
  input: InboundSmsInput,
): Promise<InboundSmsResult> {
  const phone = normalisePhone(input.from);
  const keyword = classifySmsKeyword(input.body);
  return em.transactional(async (tx) => {
    let recipients = await sql<Recipient>(
      tx,
      `select c.id as contact_id, c.workspace_id, w.name as workspace_name from contacts c
       join workspaces w on w.id = c.workspace_id where c.phone = ? order by w.created_at`,
      [phone],
    );
    if (recipients.length === 0) recipients = await createContactForStranger(tx, phone);
    const replies: MessageRow[] = [];
    let stored = 0;
    for (const recipient of recipients) {
      const inserted = await storeInbound(tx, recipient, input, phone, keyword);
      if (!inserted) continue;
      stored++;
      if (keyword.kind === 'none') continue;
      await applyKeyword(tx, recipient, keyword, input);
      const policy = await loadMessagingPolicy(tx, recipient.workspace_id);
      const body = keywordReply(keyword, recipient.workspace_name, policy.smsHelpText);
      const reply = await enqueueMessage(tx, {
        workspaceId: recipient.workspace_id,
        contactId: recipient.contact_id,
        idempotencyKey: `reply:sms:${input.providerMessageId}`,
        sourceKind: 'reply',
        sourceId: input.providerMessageId,
        channel: 'sms',
        // The confirmation is owed even to someone who just opted out, and must carry no marketing.
        purpose: 'transactional',
        content: { kind: 'sms', body },
      });
      if (reply.created) replies.push(reply.message);
    }
    return { keyword: keyword.kind, replies, stored };
  });
}

async function createContactForStranger(tx: EntityManager, phone: string): Promise<Recipient[]> {
  const [workspace] = await sql<{ id: string; name: string }>(
    tx,
    'select id, name from workspaces order by created_at limit 1',
  );
  if (!workspace) return [];
  const id = uuidV7();
  await sql(
    tx,
    `insert into contacts (id, workspace_id, phone, created_at, updated_at) values (?, ?, ?, now(), now())
     on conflict do nothing`,
    [id, workspace.id, phone],
  );
  return [{ contact_id: id, workspace_id: workspace.id, workspace_name: workspace.name }];
}

async function storeInbound(
  tx: EntityManager,
  recipient: Recipient,
  input: InboundSmsInput,
  phone: string,
  keyword: SmsKeyword,
): Promise<boolean> {
  const answered = await lastSentTo(tx, recipient.contact_id, 'sms');
  const rows = await sql<{ id: string; received_at: Date }>(
    tx,
    `insert into inbound_messages (id, workspace_id, contact_id, channel, from_address, to_address, body,
       provider_message_id, in_reply_to_id, keyword, received_at)
     values (?, ?, ?, 'sms', ?, ?, ?, ?, ?, ?, now())
     on conflict (workspace_id, channel, provider_message_id) do nothing returning id, received_at`,
    [
      uuidV7(),
      recipient.workspace_id,
      recipient.contact_id,
      phone,
      input.to || null,
      input.body,
      input.providerMessageId,
      answered?.id ?? null,
      keyword.kind === 'none' ? null : keyword.kind,
    ],
  );
  const [inbound] = rows;
  if (!inbound) return false;
  await fileInbound(tx, {
    workspaceId: recipient.workspace_id,
    contactId: recipient.contact_id,
    channel: 'sms',
    threadKey: smsThreadKey(phone, input.to || null),
    inboundMessageId: inbound.id,
    answered,
    body: input.body,
    receivedAt: new Date(inbound.received_at),
    // HELP gets its automatic answer and a person too; STOP and START are handled and only recorded.
    automatic: keyword.kind === 'opt_out' || keyword.kind === 'opt_in',
  });
  await sql(
    tx,
    `insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
     values (?, ?, 'sms_received', ?::jsonb, 'channel', ?, now(), now()) on conflict do nothing`,
    [
      recipient.workspace_id,
      recipient.contact_id,
      JSON.stringify({
        keyword: keyword.kind === 'none' ? null : keyword.kind,
        ...(answered ? { inReplyTo: answered.id } : {}),
      }),
      `inbound:sms:${input.providerMessageId}`,
    ],
  );
  if (answered) await markReplied(tx, answered);
  return true;
}

async function applyKeyword(
  tx: EntityManager,
  recipient: Recipient,
  keyword: SmsKeyword,
  input: InboundSmsInput,
) {
  if (keyword.kind !== 'opt_out' && keyword.kind !== 'opt_in') return;
  await recordConsent(tx, recipient.workspace_id, recipient.contact_id, {
    channel: 'sms',
    status: keyword.kind === 'opt_out' ? 'opted_out' : 'opted_in',
    source: 'inbound_keyword',
    proof: {
      text: `Replied "${input.body.slice(0, 160)}" (${keyword.keyword}) in SMS ${input.providerMessageId}`,
    },
  });
}
