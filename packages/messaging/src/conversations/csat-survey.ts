import type { EntityManager } from '@switchboard/db';
import { sql, type ContactRow } from '@switchboard/contacts';
import { announce, appendEntry, loadInboxSettings } from '@switchboard/inbox';
import { enqueueMessage, type MessageContent, type MessageRow } from '../ledger/message-ledger.ts';
import { replyHtml } from './send-conversation-reply.ts';
import { replyBlocker } from './reply-blocker.ts';

const TEXT = {
  en: {
    subject: 'How did we do?',
    link: (name: string, url: string) =>
      `Thanks for talking to ${name}. How did we do? Tap to rate us from 1 to 5: ${url}`,
    chat: (name: string) =>
      `Thanks for talking to ${name}. How did we do? Reply with a number from 1 (poor) to 5 (great).`,
  },
  zh: {
    subject: '请为我们的服务评分',
    link: (name: string, url: string) => `感谢您联系${name}。请为本次服务评分（1–5 分）：${url}`,
    chat: (name: string) => `感谢您联系${name}。请为本次服务评分：回复 1（很差）到 5（很好）之间的数字。`,
  },
} as const;

/**
 * After a conversation is resolved: one question on the same channel — a link to a 1–5 page by email and SMS, a
 * reply of 1–5 on WeChat — once per time it is resolved, as a transactional message through the ledger. Not sent
 * when the workspace turned it off or the contact cannot receive the channel.
 */
export async function askForRating(
  em: EntityManager,
  startDelivery: (message: MessageRow) => Promise<void>,
  input: { workspaceId: string; conversationId: string; linkFor: (requestedAt: Date) => string },
): Promise<{ asked: boolean }> {
  const settings = await loadInboxSettings(em, input.workspaceId);
  if (!settings.csatEnabled) return { asked: false };
  const message = await em.transactional(async (tx) => {
    const [conversation] = await sql<{
      id: string;
      channel: 'email' | 'sms' | 'wechat';
      contact_id: string;
      status: string;
      opened_at: Date;
      csat_requested_at: Date | null;
      subject: string | null;
      workspace_name: string;
    }>(
      tx,
      `select cv.id, cv.channel, cv.contact_id, cv.status, cv.opened_at, cv.csat_requested_at, cv.subject,
         w.name as workspace_name
       from conversations cv join workspaces w on w.id = cv.workspace_id
       where cv.workspace_id = ? and cv.id = ?::uuid for update of cv`,
      [input.workspaceId, input.conversationId],
    );
    if (!conversation || conversation.status !== 'resolved') return null;
    // Asked already since it was last (re)opened.
    if (conversation.csat_requested_at && conversation.csat_requested_at >= conversation.opened_at)
      return null;
    const [contact] = await sql<ContactRow>(tx, 'select * from contacts where id = ?', [
      conversation.contact_id,
    ]);
    if (!contact || (await replyBlocker(tx, contact, conversation.channel))) return null;
    // The time goes into the link's token (milliseconds, as PostgreSQL stores them back).
    const requestedAt = new Date();
    const text = /^zh/i.test(contact.locale ?? '') ? TEXT.zh : TEXT.en;
    const body =
      conversation.channel === 'wechat'
        ? text.chat(conversation.workspace_name)
        : text.link(conversation.workspace_name, input.linkFor(requestedAt));
    const content: MessageContent =
      conversation.channel === 'email'
        ? { kind: 'email', subject: text.subject, html: replyHtml(body), text: body }
        : conversation.channel === 'sms'
          ? { kind: 'sms', body }
          : { kind: 'wechat', text: body };
    const { message, created } = await enqueueMessage(tx, {
      workspaceId: input.workspaceId,
      contactId: conversation.contact_id,
      idempotencyKey: `csat:${conversation.id}:${requestedAt.getTime()}`,
      sourceKind: 'conversation',
      sourceId: conversation.id,
      channel: conversation.channel,
      purpose: 'transactional',
      content,
    });
    if (!created) return null;
    await sql(
      tx,
      'update conversations set csat_requested_at = ?, csat_score = null, csat_answered_at = null where id = ?',
      [requestedAt, conversation.id],
    );
    const entry = await appendEntry(tx, {
      workspaceId: input.workspaceId,
      conversationId: conversation.id,
      kind: 'outbound',
      messageId: message.id,
      body,
      detail: { csat: true },
    });
    await announce(tx, input.workspaceId, conversation.id, 'entry.created', [entry]);
    return message;
  });
  if (message) await startDelivery(message);
  return { asked: message !== null };
}
