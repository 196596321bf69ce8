import type { EntityManager } from '@switchboard/db';
import { recordConsent, sql, uuidV7 } from '@switchboard/contacts';
import { lastSentTo, markReplied } from '../ledger/replies.ts';
import { classifySmsKeyword } from '../sms/sms-keywords.ts';
import { fileInbound, wechatThreadKey } from '@switchboard/inbox';

export interface InboundChat {
  providerMessageId: string;
  from: { id: string; name: string };
  text: string;
  receivedAt: Date;
}

interface Recipient {
  contact_id: string;
  workspace_id: string;
}

/** Every workspace's contact with this WeChat id; a stranger becomes a contact of the oldest workspace. */
async function wechatRecipients(tx: EntityManager, from: { id: string; name: string }): Promise<Recipient[]> {
  const recipients = await sql<Recipient>(
    tx,
    `select c.id as contact_id, c.workspace_id from contacts c join workspaces w on w.id = c.workspace_id
     where c.wechat_id = ? order by w.created_at`,
    [from.id],
  );
  if (recipients.length > 0) return recipients;
  const [workspace] = await sql<{ id: string }>(tx, 'select id from workspaces order by created_at limit 1');
  if (!workspace) return [];
  const id = uuidV7();
  await sql(
    tx,
    `insert into contacts (id, workspace_id, wechat_id, first_name, created_at, updated_at)
     values (?, ?, ?, ?, now(), now())`,
    [id, workspace.id, from.id, from.name.slice(0, 200) || null],
  );
  return [{ contact_id: id, workspace_id: workspace.id }];
}

/**
 * Someone asked the bot to be friends: recorded on the contact's timeline (a stranger becomes a contact) with their
 * greeting; the gateway accepts the request once this has been stored. A request seen twice is recorded once.
 */
export async function recordFriendRequest(
  em: EntityManager,
  request: { requestId: string; from: { id: string; name: string }; hello: string; receivedAt: Date },
): Promise<number> {
  return em.transactional(async (tx) => {
    let recorded = 0;
    for (const recipient of await wechatRecipients(tx, request.from)) {
      const rows = await sql(
        tx,
        `insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
         values (?, ?, 'wechat_friend_request', ?::jsonb, 'channel', ?, ?, now())
         on conflict (workspace_id, message_id) do nothing returning id`,
        [
          recipient.workspace_id,
          recipient.contact_id,
          JSON.stringify({ hello: request.hello.slice(0, 500), name: request.from.name }),
          `friend:${request.requestId}`,
          request.receivedAt,
        ],
      );
      recorded += rows.length;
    }
    return recorded;
  });
}

/**
 * A WeChat message someone sent the bot: stored on every workspace's contact with that WeChat id (the bot is shared),
 * linked to the last message we sent them, and on their timeline. A stranger becomes a contact of the oldest
 * workspace with their WeChat name. "退订"/"TD" opts them out of WeChat messages, as it does for SMS.
 */
export async function receiveInboundChat(em: EntityManager, message: InboundChat): Promise<number> {
  const keyword = classifySmsKeyword(message.text);
  return em.transactional(async (tx) => {
    const recipients = await wechatRecipients(tx, message.from);
    let stored = 0;
    for (const recipient of recipients) {
      const answered = await lastSentTo(tx, recipient.contact_id, 'wechat');
      const rows = await sql<{ id: string }>(
        tx,
        `insert into inbound_messages (id, workspace_id, contact_id, channel, from_address, body, provider_message_id,
           in_reply_to_id, keyword, received_at)
         values (?, ?, ?, 'wechat', ?, ?, ?, ?, ?, ?)
         on conflict (workspace_id, channel, provider_message_id) do nothing returning id`,
        [
          uuidV7(),
          recipient.workspace_id,
          recipient.contact_id,
          message.from.id,
          message.text,
          message.providerMessageId,
          answered?.id ?? null,
          keyword.kind === 'opt_out' || keyword.kind === 'opt_in' ? keyword.kind : null,
          message.receivedAt,
        ],
      );
      const [inbound] = rows;
      if (!inbound) continue;
      stored++;
      await fileInbound(tx, {
        workspaceId: recipient.workspace_id,
        contactId: recipient.contact_id,
        channel: 'wechat',
        threadKey: wechatThreadKey(message.from.id),
        inboundMessageId: inbound.id,
        answered,
        body: message.text,
        receivedAt: message.receivedAt,
        automatic: keyword.kind === 'opt_out' || keyword.kind === 'opt_in',
      });
      await sql(
        tx,
        `insert into events (workspace_id, contact_id, name, properties, source, message_id, occurred_at, received_at)
         values (?, ?, 'wechat_received', ?::jsonb, 'channel', ?, ?, now()) on conflict do nothing`,
        [
          recipient.workspace_id,
          recipient.contact_id,
          JSON.stringify(answered ? { inReplyTo: answered.id } : {}),
          `inbound:wechat:${message.providerMessageId}`,
          message.receivedAt,
        ],
      );
      if (answered) await markReplied(tx, answered);
      if (keyword.kind === 'opt_out' || keyword.kind === 'opt_in')
        await recordConsent(tx, recipient.workspace_id, recipient.contact_id, {
          channel: 'wechat',
          status: keyword.kind === 'opt_out' ? 'opted_out' : 'opted_in',
          source: 'inbound_keyword',
          proof: { text: `WeChat message "${message.text.slice(0, 160)}" (${keyword.keyword})` },
        });
    }
    return stored;
  });
}
