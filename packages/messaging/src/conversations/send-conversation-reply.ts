import type { EntityManager } from '@switchboard/db';
import { conflict, escapeHtml, notFound, validationError } from '@switchboard/accounts';
import { sql, type ContactRow } from '@switchboard/contacts';
import { announce, appendEntry, attachmentRefs, previewOf } from '@switchboard/inbox';
import {
  enqueueMessage,
  type MediaRef,
  type MessageContent,
  type MessageRow,
} from '../ledger/message-ledger.ts';
import { replyBlocker } from './reply-blocker.ts';

export interface ConversationReply {
  workspaceId: string;
  /** The agent; null for a reply sent through the REST API (`via` names the key). */
  authorId: string | null;
  via?: { apiKey: string };
  conversationId: string;
  text: string;
  /** Images uploaded for this reply (at most four); the text may then be empty. */
  attachmentIds?: string[];
  /** Chosen by the agent's screen per reply: a retried request sends nothing twice. */
  clientId: string;
}

interface ConversationRow {
  id: string;
  channel: 'email' | 'sms' | 'wechat';
  contact_id: string;
  status: string;
  subject: string | null;
  cause_subject: string | null;
}

/** The longest text one reply may carry on each channel (SMS: ten segments of Unicode). */
export const REPLY_LIMITS = { email: 50_000, sms: 670, wechat: 2_000 } as const;

/** An email reply's body: the agent's text as paragraphs, every character shown as typed. */
export function replyHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export function replySubject(subject: string | null, fallback: string): string {
  const base = (subject ?? '').trim() || fallback;
  return /^(re|回复|答复)\s*[:：]/i.test(base) ? base : `Re: ${base}`;
}

/** The contact's messages in this email thread, for In-Reply-To and References (the last ten). */
async function threadReferences(tx: EntityManager, conversationId: string): Promise<string[]> {
  const rows = await sql<{ provider_message_id: string }>(
    tx,
    `select i.provider_message_id from conversation_entries e join inbound_messages i on i.id = e.inbound_message_id
     where e.conversation_id = ? and i.provider_message_id like '<%>' order by e.created_at desc limit 10`,
    [conversationId],
  );
  // Ids came from strangers' mail: only well-formed ones go back into a header.
  return rows
    .map((r) => r.provider_message_id)
    .filter((id) => /^<[\x21-\x3b\x3d\x3f-\x7e]{1,240}>$/.test(id))
    .reverse();
}

async function contentFor(
  tx: EntityManager,
  conversation: ConversationRow,
  text: string,
  workspaceName: string,
  media: MediaRef[],
): Promise<MessageContent> {
  const withMedia = media.length ? { media } : {};
  if (conversation.channel === 'sms') return { kind: 'sms', body: text, ...withMedia };
  if (conversation.channel === 'wechat') return { kind: 'wechat', text, ...withMedia };
  const references = await threadReferences(tx, conversation.id);
  const inReplyTo = references.at(-1);
  return {
    kind: 'email',
    subject: replySubject(conversation.subject ?? conversation.cause_subject, workspaceName),
    html: replyHtml(text),
    text,
    ...(inReplyTo ? { thread: { inReplyTo, references } } : {}),
    ...withMedia,
  };
}

/**
 * An agent's answer, on the conversation's channel through the ledger and the gate as a transactional message.
 * The conversation row is locked while the reply is written, so two agents answering at once are recorded one
 * after the other; what the contact cannot receive is refused before anything is written, naming why.
 */
export async function sendConversationReply(
  em: EntityManager,
  startDelivery: (message: MessageRow) => Promise<void>,
  input: ConversationReply,
): Promise<{ entryId: string; message: MessageRow; created: boolean }> {
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (!text && attachmentIds.length === 0) throw validationError('text', 'Write the reply first');
  const result = await em.transactional(async (tx) => {
    const [conversation] = await sql<ConversationRow & { workspace_name: string }>(
      tx,
      `select cv.id, cv.channel, cv.contact_id, cv.status, cv.subject, cm.subject as cause_subject,
         w.name as workspace_name
       from conversations cv join workspaces w on w.id = cv.workspace_id
       left join messages cm on cm.id = cv.cause_message_id
       where cv.workspace_id = ? and cv.id = ?::uuid for update of cv`,
      [input.workspaceId, input.conversationId],
    );
    if (!conversation) throw notFound('Conversation');
    const limit = REPLY_LIMITS[conversation.channel];
    if (text.length > limit)
      throw validationError(
        'text',
        `A reply on this channel has at most ${limit.toLocaleString('en')} characters`,
      );
    const [contact] = await sql<ContactRow>(tx, 'select * from contacts where id = ?', [
      conversation.contact_id,
    ]);
    if (!contact) throw notFound('Contact');
    const blocked = await replyBlocker(tx, contact, conversation.channel);
    if (blocked) throw conflict(blocked.reason, 'text');
    const media = (await attachmentRefs(tx, input.workspaceId, attachmentIds)).map(
      ({ id, filename, contentType }) => ({ id, filename, contentType }),
    );

    const enqueued = await enqueueMessage(tx, {
      workspaceId: input.workspaceId,
      contactId: conversation.contact_id,
      idempotencyKey: `conversation:${conversation.id}:${input.clientId}`,
      sourceKind: 'conversation',
      sourceId: conversation.id,
      channel: conversation.channel,
      purpose: 'transactional',
      content: await contentFor(tx, conversation, text, conversation.workspace_name, media),
    });
    if (!enqueued.created) {
      const [entry] = await sql<{ id: string }>(
        tx,
        'select id from conversation_entries where message_id = ?',
        [enqueued.message.id],
      );
      return { entryId: entry?.id ?? '', message: enqueued.message, created: false };
    }
    const entryId = await appendEntry(tx, {
      workspaceId: input.workspaceId,
      conversationId: conversation.id,
      kind: 'outbound',
      authorId: input.authorId,
      messageId: enqueued.message.id,
      body: text,
      detail:
        input.via || media.length
          ? {
              ...(input.via ? { via: 'api', apiKey: input.via.apiKey } : {}),
              ...(media.length ? { media } : {}),
            }
          : null,
    });
    await sql(
      tx,
      `update conversations set waiting_since = null, first_response_at = coalesce(first_response_at, now()),
         last_message_at = now(), last_message_preview = ?, unread_count = 0,
         assignee_id = coalesce(assignee_id, ?),
         status = case when status = 'resolved' then 'open' else status end,
         opened_at = case when status = 'resolved' then now() else opened_at end, resolved_at = null, updated_at = now()
       where id = ?`,
      [previewOf(text || media.map((m) => `🖼 ${m.filename}`).join(' ')), input.authorId, conversation.id],
    );
    await announce(tx, input.workspaceId, conversation.id, 'entry.created', [entryId]);
    return { entryId, message: enqueued.message, created: true };
  });
  if (result.created) await startDelivery(result.message);
  return result;
}
