import { err } from './openapi-common.ts';

/** OpenAPI entries for the suppression list (scopes suppressions:read, suppressions:write). */

const identities = {
  email: { type: 'string', maxLength: 254, examples: ['ana@example.com'] },
  phone: { type: 'string', maxLength: 40, description: 'E.164, or national with the workspace’s country' },
  wechatId: { type: 'string', maxLength: 200 },
  externalId: { type: 'string', maxLength: 200 },
};
const reasons = ['erasure', 'unsubscribe', 'bounce', 'complaint'];
const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const auth = (scope: string) => ({
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': err(`The API key lacks ${scope}`),
});

export const suppressionPaths = {
  '/suppressions': {
    get: {
      operationId: 'listSuppressions',
      summary: 'The suppression list, newest first (cursor-paginated); addresses appear as hashes',
      description:
        'Each entry holds SHA-256 (hex) of "<kind>:<normalised value>", e.g. sha256("email:ana@example.com"): hash your own addresses the same way to match them, or use POST /suppressions/lookup.',
      parameters: [
        {
          name: 'after',
          in: 'query',
          schema: { type: 'string' },
          description: '`next` of the previous page',
        },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        { name: 'reason', in: 'query', schema: { enum: reasons } },
        { name: 'kind', in: 'query', schema: { enum: ['email', 'phone', 'wechatId', 'externalId'] } },
      ],
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              suppressions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string', format: 'uuid' },
                    kind: { enum: ['email', 'phone', 'wechatId', 'externalId'] },
                    hash: { type: 'string' },
                    reason: { enum: reasons },
                    createdAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
              next: { type: ['string', 'null'] },
            },
          },
          'A page of suppressions',
        ),
        '400': err('Invalid query'),
        ...auth('suppressions:read'),
      },
    },
    post: {
      operationId: 'addSuppression',
      summary: 'Suppress addresses: unsubscribe blocks marketing; bounce and complaint block every message',
      requestBody: body({
        type: 'object',
        required: ['reason'],
        additionalProperties: false,
        properties: {
          ...identities,
          reason: { enum: ['unsubscribe', 'bounce', 'complaint'], examples: ['unsubscribe'] },
        },
      }),
      responses: {
        '201': json({ type: 'object', properties: { added: { type: 'integer' } } }, 'Added'),
        '200': json(
          { type: 'object', properties: { added: { type: 'integer' } } },
          'Already suppressed for this reason',
        ),
        '400': err('No address, an invalid one, or an unknown reason; `fields` names it'),
        ...auth('suppressions:write'),
      },
    },
  },
  '/suppressions/lookup': {
    post: {
      operationId: 'lookUpSuppressions',
      summary: 'Why these addresses are suppressed (an empty list: they are not)',
      requestBody: body({ type: 'object', additionalProperties: false, properties: identities }),
      responses: {
        '200': json(
          {
            type: 'object',
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    kind: { type: 'string' },
                    reasons: { type: 'array', items: { enum: reasons } },
                  },
                },
              },
            },
          },
          'One result per address given',
        ),
        '400': err('No address, or an invalid one'),
        ...auth('suppressions:read'),
      },
    },
  },
  '/suppressions/remove': {
    post: {
      operationId: 'removeSuppression',
      summary: 'Lift one reason from addresses (an erasure is never lifted)',
      requestBody: body({
        type: 'object',
        required: ['reason'],
        additionalProperties: false,
        properties: { ...identities, reason: { enum: reasons, examples: ['bounce'] } },
      }),
      responses: {
        '200': json(
          { type: 'object', properties: { removed: { type: 'integer' } } },
          'Removed (0 if it was not there)',
        ),
        '400': err('No address, or an invalid one'),
        '409': err('An erasure cannot be lifted'),
        ...auth('suppressions:write'),
      },
    },
  },
};
