import { WEBHOOK_EVENT_TYPES } from '@switchboard/webhooks';
import { err } from './openapi-common.ts';

/** OpenAPI entries for outbound webhook endpoints and their delivery log (scope webhooks:manage). */

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const deliveryParam = {
  name: 'deliveryId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^\\d{1,18}$', examples: ['42'] },
};
const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const common = {
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': err('The API key lacks webhooks:manage'),
};
const notFound = err('No such endpoint (or delivery) in this workspace');

const endpointInput = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      maxLength: 2000,
      description: 'http(s) URL at a public address (or one listed in WEBHOOK_PRIVATE_TARGETS)',
      examples: ['https://crm.example.com/hooks/switchboard'],
    },
    description: { type: 'string', maxLength: 200, examples: ['CRM sync'] },
    eventTypes: {
      type: 'array',
      minItems: 1,
      items: { enum: [...WEBHOOK_EVENT_TYPES] },
      examples: [['contact.created', 'contact.updated', 'message.clicked']],
    },
  },
};

export const webhookSchemas = {
  WebhookEndpoint: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      url: { type: 'string' },
      description: { type: 'string' },
      eventTypes: { type: 'array', items: { type: 'string' } },
      secretHint: {
        type: 'string',
        description: 'The secret’s first characters; the whole secret is shown once',
      },
      enabled: { type: 'boolean' },
      disabledReason: { type: ['string', 'null'] },
      failingSince: { type: ['string', 'null'], format: 'date-time' },
      pending: { type: 'integer', description: 'Deliveries waiting to be made' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  WebhookDelivery: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Delivery id (also the cursor of the log)' },
      endpointId: { type: 'string', format: 'uuid' },
      eventId: { type: 'string', format: 'uuid', description: 'What receivers deduplicate on' },
      type: { type: 'string', examples: ['contact.updated'] },
      contactId: { type: ['string', 'null'], format: 'uuid' },
      status: { enum: ['pending', 'delivered', 'failed'] },
      attempts: { type: 'integer' },
      nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
      lastAttemptAt: { type: ['string', 'null'], format: 'date-time' },
      responseStatus: { type: ['integer', 'null'] },
      error: { type: ['string', 'null'] },
      durationMs: { type: ['integer', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
};

export const webhookPaths = {
  '/webhooks': {
    get: {
      operationId: 'listWebhooks',
      summary: 'The workspace’s webhook endpoints',
      responses: {
        '200': json(
          { type: 'object', properties: { webhooks: { type: 'array', items: ref('WebhookEndpoint') } } },
          'Endpoints, oldest first',
        ),
        ...common,
      },
    },
    post: {
      operationId: 'createWebhook',
      summary: 'Add an endpoint; the signing secret is in this response only',
      description:
        'Every request to the endpoint carries x-switchboard-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.<raw body>"> (see the README for the check).',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { ...endpointInput, required: ['url', 'eventTypes'] } } },
      },
      responses: {
        '201': json(
          {
            type: 'object',
            properties: {
              webhook: ref('WebhookEndpoint'),
              secret: { type: 'string', examples: ['whsec_…'] },
            },
          },
          'Created',
        ),
        '400': err(
          'Invalid body, or a URL that is not http(s) or not at a public address; `fields.url` says why',
        ),
        ...common,
      },
    },
  },
  '/webhooks/{id}': {
    parameters: [idParam],
    get: {
      operationId: 'getWebhook',
      summary: 'One endpoint with its state',
      responses: {
        '200': json({ type: 'object', properties: { webhook: ref('WebhookEndpoint') } }, 'The endpoint'),
        '404': notFound,
        ...common,
      },
    },
    patch: {
      operationId: 'updateWebhook',
      summary: 'Change the URL, description or event types, or disable / enable it',
      description: 'Enabling an endpoint that was disabled sends what queued for it meanwhile.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              ...endpointInput,
              properties: { ...endpointInput.properties, enabled: { type: 'boolean', examples: [true] } },
            },
          },
        },
      },
      responses: {
        '200': json({ type: 'object', properties: { webhook: ref('WebhookEndpoint') } }, 'Changed'),
        '400': err('Invalid body'),
        '404': notFound,
        ...common,
      },
    },
    delete: {
      operationId: 'deleteWebhook',
      summary: 'Delete the endpoint, its log and what waited for it',
      responses: { '204': { description: 'Deleted' }, '404': notFound, ...common },
    },
  },
  '/webhooks/{id}/rotate-secret': {
    parameters: [idParam],
    post: {
      operationId: 'rotateWebhookSecret',
      summary: 'A new signing secret (in this response only); the old one stops at once',
      responses: {
        '200': json({ type: 'object', properties: { secret: { type: 'string' } } }, 'The new secret'),
        '404': notFound,
        ...common,
      },
    },
  },
  '/webhooks/{id}/test': {
    parameters: [idParam],
    post: {
      operationId: 'testWebhook',
      summary: 'Queue a webhook.test event for the endpoint; its outcome shows in the delivery log',
      responses: {
        '202': json({ type: 'object', properties: { deliveryId: { type: 'string' } } }, 'Queued'),
        '404': notFound,
        '409': err('The endpoint is disabled'),
        ...common,
      },
    },
  },
  '/webhooks/{id}/deliveries': {
    parameters: [idParam],
    get: {
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log, newest first (cursor-paginated)',
      parameters: [
        {
          name: 'before',
          in: 'query',
          schema: { type: 'string', pattern: '^\\d{1,18}$' },
          description: '`next` of the previous page',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'status', in: 'query', schema: { enum: ['pending', 'delivered', 'failed'] } },
      ],
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              deliveries: { type: 'array', items: ref('WebhookDelivery') },
              next: {
                type: ['string', 'null'],
                description: 'Pass as `before` for older deliveries; null at the end',
              },
            },
          },
          'A page of the log',
        ),
        '400': err('Invalid query'),
        '404': notFound,
        ...common,
      },
    },
  },
  '/webhooks/{id}/deliveries/{deliveryId}': {
    parameters: [idParam, deliveryParam],
    get: {
      operationId: 'getWebhookDelivery',
      summary: 'One delivery with the request body as signed and the answer received (first 4 KB)',
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              delivery: {
                allOf: [
                  ref('WebhookDelivery'),
                  {
                    type: 'object',
                    properties: {
                      requestBody: { type: 'string' },
                      responseBody: { type: ['string', 'null'] },
                    },
                  },
                ],
              },
            },
          },
          'The delivery',
        ),
        '404': notFound,
        ...common,
      },
    },
  },
  '/webhooks/{id}/deliveries/{deliveryId}/resend': {
    parameters: [idParam, deliveryParam],
    post: {
      operationId: 'resendWebhookDelivery',
      summary: 'Send a delivery again (a new log entry with the same event id)',
      responses: {
        '202': json({ type: 'object', properties: { deliveryId: { type: 'string' } } }, 'Queued'),
        '404': notFound,
        ...common,
      },
    },
  },
};
