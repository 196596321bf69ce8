import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Client } from '@temporalio/client';
import { checkIdempotencyKey, notFound } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { conversationEntries, conversationSummaries, listConversations } from '@switchboard/inbox';
import { sendConversationReply, startDelivery, type DeliveryQueues } from '@switchboard/messaging';
import { z } from 'zod';
import { requireScope, type ApiV1Env } from './api-key-auth.ts';
import { readJson } from './read-json.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const listQuery = z.object({
  status: z.enum(['open', 'pending', 'snoozed', 'resolved']).default('open'),
  channel: z.enum(['email', 'sms', 'wechat']).optional(),
  assignee: z
    .union([z.literal('none'), z.string().regex(UUID, 'Use an agent’s user id or "none"')])
    .optional(),
  after: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const replyBody = z.object({ text: z.string().min(1, 'Write the reply').max(50_000) }).strict();

/**
 * The inbox from code: list conversations (newest activity first, cursor-paginated), read one with its messages, and
 * answer on its channel through the same ledger and gate as an agent (an Idempotency-Key makes a retry safe).
 */
export function mountConversationRoutes(
  api: Hono<ApiV1Env>,
  deps: { db: Database; temporal: Client; queues: DeliveryQueues },
) {
  api.get('/conversations', requireScope('conversations:read'), async (c) => {
    const query = listQuery.parse(c.req.query());
    const page = await listConversations(deps.db.fork(), c.get('principal').workspace.id, '', {
      view: 'all',
      status: query.status,
      channel: query.channel,
      assignee: query.assignee === undefined ? undefined : query.assignee === 'none' ? null : query.assignee,
      after: query.after,
      limit: query.limit,
    });
    return c.json({ conversations: page.items, next: page.next });
  });

  api.get('/conversations/:id', requireScope('conversations:read'), async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw notFound('Conversation');
    const em = deps.db.fork();
    const [conversation] = await conversationSummaries(em, c.get('principal').workspace.id, [id]);
    if (!conversation) throw notFound('Conversation');
    return c.json({ conversation, messages: await conversationEntries(em, id) });
  });

  api.post('/conversations/:id/replies', requireScope('conversations:reply'), async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw notFound('Conversation');
    const key = c.req.header('idempotency-key');
    checkIdempotencyKey(key);
    const body = replyBody.parse(await readJson(c));
    const principal = c.get('principal');
    const result = await sendConversationReply(
      deps.db.fork(),
      (message) => startDelivery(deps.temporal, deps.queues, message),
      {
        workspaceId: principal.workspace.id,
        authorId: null,
        via: { apiKey: principal.name },
        conversationId: id,
        text: body.text,
        clientId: `api:${key ?? randomUUID()}`,
      },
    );
    if (!result.created) c.header('Idempotent-Replayed', 'true');
    return c.json({ entryId: result.entryId, messageId: result.message.id }, result.created ? 201 : 200);
  });
}
