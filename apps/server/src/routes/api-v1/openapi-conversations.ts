import { err, idempotencyKeyHeader } from './openapi-common.ts';
/** OpenAPI entries for the inbox: conversations, their messages, and replies. */

const uuid = { type: 'string', format: 'uuid' };
const when = { type: 'string', format: 'date-time' };
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

const conversation = {
  type: 'object',
  properties: {
    id: uuid,
    channel: { enum: ['email', 'sms', 'wechat'] },
    status: { enum: ['open', 'pending', 'snoozed', 'resolved'] },
    priority: { enum: ['none', 'low', 'medium', 'high', 'urgent'] },
    labels: { type: 'array', items: { type: 'string' } },
    assignee: nullable({ type: 'object', properties: { id: uuid, name: { type: 'string' } } }),
    contact: {
      type: 'object',
      properties: {
        id: uuid,
        name: { type: 'string' },
        address: nullable({ type: 'string' }),
        locale: nullable({ type: 'string' }),
      },
    },
    subject: nullable({ type: 'string' }),
    preview: nullable({ type: 'string' }),
    lastMessageAt: when,
    waitingSince: nullable(when),
    firstResponseAt: nullable(when),
    snoozedUntil: nullable(when),
    resolvedAt: nullable(when),
    unread: { type: 'integer' },
    cause: nullable({
      type: 'object',
      description: 'The campaign or journey message the contact answered when the conversation began',
      properties: {
        kind: { enum: ['campaign', 'journey'] },
        id: uuid,
        name: { type: 'string' },
        step: nullable({ type: 'string' }),
        messageId: uuid,
      },
    }),
    sla: nullable({
      type: 'object',
      properties: {
        kind: { enum: ['first_response', 'next_response', 'resolution'] },
        dueAt: when,
        warned: { type: 'boolean' },
        breachedAt: nullable(when),
      },
    }),
    breaches: { type: 'integer' },
    csat: nullable({
      type: 'object',
      properties: { requestedAt: when, score: nullable({ type: 'integer', minimum: 1, maximum: 5 }) },
    }),
    createdAt: when,
  },
};

const message = {
  type: 'object',
  properties: {
    id: uuid,
    kind: {
      enum: ['inbound', 'outbound', 'note', 'activity'],
      description: 'Notes are internal, never sent',
    },
    at: when,
    body: nullable({ type: 'string' }),
    subject: nullable({ type: 'string' }),
    author: nullable({ type: 'object', properties: { id: uuid, name: { type: 'string' } } }),
    keyword: nullable({ type: 'string', description: 'Inbound: opt_out, opt_in, help or auto_reply' }),
    delivery: nullable({
      type: 'object',
      properties: { messageId: uuid, status: { type: 'string' }, problem: nullable({ type: 'string' }) },
    }),
    detail: nullable({ type: 'object' }),
  },
};

export const conversationPaths = {
  '/conversations': {
    get: {
      operationId: 'listConversations',
      summary: 'Conversations, newest activity first (scope conversations:read)',
      parameters: [
        {
          name: 'status',
          in: 'query',
          schema: { enum: ['open', 'pending', 'snoozed', 'resolved'], default: 'open' },
        },
        { name: 'channel', in: 'query', schema: { enum: ['email', 'sms', 'wechat'] } },
        {
          name: 'assignee',
          in: 'query',
          schema: { type: 'string' },
          description: 'An agent’s user id, or "none" for the unassigned queue',
        },
        {
          name: 'after',
          in: 'query',
          schema: { type: 'string' },
          description: 'The `next` of the previous page',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: {
        '200': {
          description: 'One page; `next` is null on the last',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  conversations: { type: 'array', items: conversation },
                  next: nullable({ type: 'string' }),
                },
              },
              example: { conversations: [], next: null },
            },
          },
        },
        '400': err('Invalid query; `fields` names each problem'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': err('The API key lacks conversations:read'),
      },
    },
  },
  '/conversations/{id}': {
    get: {
      operationId: 'getConversation',
      summary:
        'One conversation with its messages, notes and changes, oldest first (scope conversations:read)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: uuid }],
      responses: {
        '200': {
          description: 'The conversation',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { conversation, messages: { type: 'array', items: message } },
              },
            },
          },
        },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': err('The API key lacks conversations:read'),
        '404': err('No such conversation in this workspace'),
      },
    },
  },
  '/conversations/{id}/replies': {
    post: {
      operationId: 'replyToConversation',
      summary: 'Answer on the conversation’s channel (scope conversations:reply)',
      description:
        'Sent like an agent’s reply: a transactional message through the ledger and gate, email threaded under the ' +
        'contact’s message. A contact who opted out of the channel (STOP), asked to be erased, complained or ' +
        'hard-bounced is not written to (409 naming why).',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: uuid },
        idempotencyKeyHeader('reply', 'a second message'),
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['text'],
              additionalProperties: false,
              properties: { text: { type: 'string', maxLength: 50000 } },
            },
            example: { text: 'Your order left the warehouse this morning.' },
          },
        },
      },
      responses: {
        '201': {
          description: 'Queued for delivery',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { entryId: uuid, messageId: uuid } },
            },
          },
        },
        '200': { description: 'Replay of an earlier request with this Idempotency-Key' },
        '400': err('Invalid body or a text too long for the channel'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': err('The API key lacks conversations:reply'),
        '404': err('No such conversation in this workspace'),
        '409': err('The contact cannot receive this channel; the message says why'),
      },
    },
  },
};
