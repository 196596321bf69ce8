import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { checkIdempotencyKey, conflict, validationError } from '@switchboard/accounts';
import { contactNamedBy } from '@switchboard/contacts';
import { enqueueMessage, type MessageContent, type MessageRow } from '../ledger/message-ledger.ts';
import type { SendMessageBody } from './send-message-input.ts';

/** JSON with sorted keys: jsonb does not keep the key order the request used. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function contentFor(body: SendMessageBody): MessageContent {
  const content = body.content;
  if (body.channel === 'email' && 'subject' in content) return { kind: 'email', ...content };
  if (body.channel === 'sms' && 'body' in content) return { kind: 'sms', body: content.body };
  if (body.channel === 'wechat' && !('subject' in content) && 'text' in content)
    return { kind: 'wechat', text: content.text };
  throw validationError('content', `The content does not fit the ${body.channel} channel`);
}

/**
 * POST /api/v1/messages: one message to one contact through the same ledger and gate as campaigns. With an
 * Idempotency-Key the same request returns the first message instead of sending again; reusing a key for a
 * different contact or channel is a 409, never a silent second send.
 */
export async function sendOneMessage(
  em: EntityManager,
  startDelivery: (message: MessageRow) => Promise<void>,
  input: { workspaceId: string; body: SendMessageBody; idempotencyKey: string | undefined },
): Promise<{ message: MessageRow; created: boolean }> {
  checkIdempotencyKey(input.idempotencyKey);
  const contact = await contactNamedBy(em, input.workspaceId, input.body.contact);
  const content = contentFor(input.body);

  const result = await enqueueMessage(em, {
    workspaceId: input.workspaceId,
    contactId: contact.id,
    idempotencyKey: `api:${input.idempotencyKey ?? randomUUID()}`,
    sourceKind: input.body.test ? 'test' : 'api',
    channel: input.body.channel,
    purpose: input.body.purpose,
    ...(input.body.topic ? { topic: input.body.topic } : {}),
    content,
  });
  if (!result.created) {
    const same =
      result.message.contact_id === contact.id &&
      result.message.channel === input.body.channel &&
      canonicalJson(result.message.content) === canonicalJson(content);
    if (!same)
      throw conflict(
        'This Idempotency-Key was already used for a different message; use a new key for a new message',
        'Idempotency-Key',
      );
    return result;
  }
  await startDelivery(result.message);
  return result;
}
