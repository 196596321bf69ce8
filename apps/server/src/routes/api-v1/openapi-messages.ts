import { err, idempotencyKeyHeader } from './openapi-common.ts';
import { MESSAGE_STATUSES } from '@switchboard/db';

/** OpenAPI entries for sending one message and reading its status. */

const statuses: string[] = [...MESSAGE_STATUSES];

const messageView = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    contactId: { type: ['string', 'null'], format: 'uuid' },
    channel: { enum: ['email', 'sms', 'wechat'] },
    purpose: { enum: ['transactional', 'marketing'] },
    topic: { type: ['string', 'null'] },
    source: { type: 'object', properties: { kind: { type: 'string' }, id: { type: ['string', 'null'] } } },
    status: { enum: statuses, description: 'Moves forward only: delivery states, then engagement' },
    to: {
      type: ['string', 'null'],
      description: 'The address used, once the message was handed to the provider',
    },
    subject: { type: ['string', 'null'] },
    gate: {
      type: ['object', 'null'],
      description:
        "The send gate's decision: outcome send / suppress / defer, the rule (e.g. consent_channel, frequency_cap, quiet_hours, suppressed_bounce) and reasons",
    },
    deferredUntil: { type: ['string', 'null'], format: 'date-time' },
    provider: { type: ['string', 'null'], enum: ['smtp', 'twilio', 'wechaty', null] },
    providerMessageId: { type: ['string', 'null'] },
    segments: { type: ['integer', 'null'], description: 'SMS segments billed (GSM-7 or UCS-2)' },
    cost: { type: ['number', 'null'] },
    currency: { type: ['string', 'null'] },
    error: { type: ['string', 'null'] },
    errorCode: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    sentAt: { type: ['string', 'null'], format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    events: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { enum: statuses.filter((s) => s !== 'sending') },
          machine: {
            type: 'boolean',
            description: 'Apple Mail Privacy Protection, link scanners, HEAD requests',
          },
          url: { type: ['string', 'null'] },
          detail: { type: 'object' },
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
};

const content = {
  oneOf: [
    {
      title: 'Email',
      type: 'object',
      required: ['subject', 'html'],
      additionalProperties: false,
      properties: {
        subject: {
          type: 'string',
          maxLength: 998,
          description: 'Liquid: {{ contact.first_name | default: "there" }}, custom fields as contact.<key>',
        },
        html: {
          type: 'string',
          description:
            'Marketing email gets an unsubscribe link and the postal address appended unless it contains {{ unsubscribe_url }} and the address',
        },
        text: { type: 'string', description: 'Generated from the HTML when omitted' },
        from: { type: 'string', examples: ['Acme <news@acme.example>'] },
        replyTo: { type: 'string' },
      },
    },
    {
      title: 'SMS',
      type: 'object',
      required: ['body'],
      additionalProperties: false,
      properties: {
        body: {
          type: 'string',
          maxLength: 1600,
          description:
            'Marketing texts get "Reply STOP to opt out" (回T退订 for Chinese contacts) unless they say it',
        },
      },
    },
    {
      title: 'WeChat',
      type: 'object',
      required: ['text'],
      additionalProperties: false,
      properties: { text: { type: 'string', maxLength: 4000 } },
    },
  ],
};

export const messagePaths = {
  '/messages': {
    post: {
      operationId: 'sendMessage',
      summary: 'Send one message to a contact through the send gate and ledger (scope messages:send)',
      description:
        'Transactional messages skip marketing consent, frequency caps and quiet hours, but never hard bounces, complaints or erasure. Delivery is asynchronous: poll GET /messages/{id}.',
      parameters: [idempotencyKeyHeader('message', 'a second send')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['contact', 'channel', 'content'],
              additionalProperties: false,
              properties: {
                contact: {
                  type: 'string',
                  description: 'Contact id, email, +E.164 phone, or wechat:… / external:… reference',
                },
                channel: { enum: ['email', 'sms', 'wechat'] },
                purpose: { enum: ['transactional', 'marketing'], default: 'transactional' },
                topic: { type: 'string', description: 'Subscription topic key; opting out of it suppresses' },
                test: { type: 'boolean', default: false },
                content,
              },
            },
          },
        },
      },
      responses: {
        '202': {
          description: 'Accepted and queued',
          content: { 'application/json': { schema: messageView } },
        },
        '200': {
          description: 'Replay of an earlier request with this Idempotency-Key',
          content: { 'application/json': { schema: messageView } },
        },
        '400': err('Invalid body; `fields` names each problem'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': err('The API key lacks messages:send'),
        '404': err('No such contact'),
        '409': err('The Idempotency-Key was used for a different message'),
      },
    },
  },
  '/messages/{id}': {
    get: {
      operationId: 'getMessage',
      summary: 'A message’s status, the gate’s decision and every event (scope messages:read)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': { description: 'The message', content: { 'application/json': { schema: messageView } } },
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': err('The API key lacks messages:read'),
        '404': err('No such message in this workspace'),
      },
    },
  },
};
