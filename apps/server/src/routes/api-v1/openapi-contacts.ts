/** OpenAPI path and schema entries for identify / track / batch and /contacts/{ref}. */
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = (...codes: string[]) =>
  Object.fromEntries(
    codes.map((code) => [code, { description: ERROR_TEXT[code] ?? 'Error', ...json(ref('Error')) }]),
  );
const ERROR_TEXT: Record<string, string> = {
  '400': 'Invalid input; `error.fields` names each problem',
  '401': 'Missing, unknown or revoked API key',
  '403': 'The API key lacks a needed scope',
  '404': 'No such contact in this workspace',
  '413': 'Body larger than 1 MiB',
  '415': 'Body is not application/json',
};

const identities = {
  email: { type: 'string', format: 'email', description: 'Normalised to lower case' },
  phone: {
    type: 'string',
    description: 'Any format with a country code; stored as E.164',
    examples: ['+4915112345678'],
  },
  wechatId: { type: 'string', maxLength: 200 },
  externalId: { type: 'string', maxLength: 200, description: 'Your CRM’s id for this person' },
};

export const contactSchemas = {
  Identify: {
    type: 'object',
    additionalProperties: false,
    description: 'At least one identity. Identities held by several contacts merge them into the oldest.',
    properties: {
      ...identities,
      firstName: { type: ['string', 'null'], maxLength: 200 },
      lastName: { type: ['string', 'null'], maxLength: 200 },
      timezone: { type: ['string', 'null'], examples: ['Asia/Shanghai'] },
      locale: { type: ['string', 'null'], examples: ['zh-CN'] },
      lifecycleStage: { enum: ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer'] },
      tags: {
        type: 'array',
        items: { type: 'string', maxLength: 100 },
        maxItems: 100,
        description: 'Added to existing tags',
      },
      attributes: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'boolean', 'array', 'null'] },
        description:
          'Custom attributes; a new key takes the type of its first value (text, number, boolean, date, list)',
      },
      timestamp: {
        type: 'string',
        format: 'date-time',
        description: 'When this was true; older calls never overwrite newer values',
      },
    },
  },
  Track: {
    type: 'object',
    additionalProperties: false,
    required: ['event'],
    description: 'Whose event: contactId or any identity (an unknown identity creates the contact).',
    properties: {
      ...identities,
      contactId: { type: 'string', format: 'uuid' },
      event: { type: 'string', maxLength: 200, examples: ['cart_abandoned'] },
      properties: { type: 'object', description: 'At most 32 KiB as JSON' },
      revenue: { type: 'number' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      timestamp: { type: 'string', format: 'date-time' },
      messageId: {
        type: 'string',
        maxLength: 200,
        description: 'Idempotency key: the same messageId is stored once',
      },
    },
  },
  Contact: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      ...Object.fromEntries(
        Object.entries(identities).map(([k, v]) => [k, { ...v, type: ['string', 'null'] }]),
      ),
      firstName: { type: ['string', 'null'] },
      lastName: { type: ['string', 'null'] },
      attributes: { type: 'object' },
      tags: { type: 'array', items: { type: 'string' } },
      lifecycleStage: { type: 'string' },
      ownerId: { type: ['string', 'null'] },
      leadScore: { type: 'integer' },
      timezone: { type: ['string', 'null'] },
      locale: { type: ['string', 'null'] },
      doNotContact: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
};

const contactRef = {
  name: 'ref',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'A contact id, or email:…, phone:…, wechat:…, external:… (a bare email or +phone works too)',
};

export const contactPaths = {
  '/identify': {
    post: {
      operationId: 'identify',
      summary: 'Create or update a contact by its identities (scope contacts:write)',
      requestBody: { required: true, ...json(ref('Identify')) },
      responses: {
        '200': {
          description: 'Updated',
          ...json({
            type: 'object',
            properties: {
              contactId: { type: 'string' },
              created: { type: 'boolean' },
              mergedContactIds: { type: 'array', items: { type: 'string' } },
            },
          }),
        },
        '201': { description: 'Created' },
        ...errors('400', '401', '403', '413', '415'),
      },
    },
  },
  '/track': {
    post: {
      operationId: 'track',
      summary: 'Record an event (scope events:write)',
      requestBody: { required: true, ...json(ref('Track')) },
      responses: {
        '200': {
          description: 'stored, or duplicate when its messageId was seen before',
          ...json({ type: 'object', properties: { status: { enum: ['stored', 'duplicate'] } } }),
        },
        ...errors('400', '401', '403', '404', '413', '415'),
      },
    },
  },
  '/batch': {
    post: {
      operationId: 'batch',
      summary: 'Up to 1,000 identify and track items, applied in order, all or nothing',
      requestBody: {
        required: true,
        ...json({
          type: 'object',
          required: ['batch'],
          properties: {
            batch: {
              type: 'array',
              maxItems: 1000,
              items: {
                oneOf: [
                  {
                    allOf: [
                      ref('Identify'),
                      { type: 'object', required: ['type'], properties: { type: { const: 'identify' } } },
                    ],
                  },
                  {
                    allOf: [
                      ref('Track'),
                      { type: 'object', required: ['type'], properties: { type: { const: 'track' } } },
                    ],
                  },
                ],
              },
            },
          },
        }),
      },
      responses: {
        '200': { description: 'One result per item, in order' },
        ...errors('400', '401', '403', '404', '413', '415'),
      },
    },
  },
  '/contacts/{ref}': {
    parameters: [contactRef],
    get: {
      operationId: 'getContact',
      summary: 'A contact and its 50 most recent events (scope contacts:read)',
      responses: {
        '200': {
          description: 'The contact',
          ...json({
            type: 'object',
            properties: { contact: ref('Contact'), recentEvents: { type: 'array' } },
          }),
        },
        ...errors('400', '401', '403', '404'),
      },
    },
    patch: {
      operationId: 'updateContact',
      summary: 'Update profile fields, attributes and tags (scope contacts:write)',
      requestBody: { required: true, ...json(ref('Identify')) },
      responses: {
        '200': { description: 'The updated contact' },
        ...errors('400', '401', '403', '404', '415'),
      },
    },
    delete: {
      operationId: 'eraseContact',
      summary:
        'Erase the contact (GDPR/PIPL): personal data and events deleted, identities kept only as hashed suppressions',
      responses: { '204': { description: 'Erased' }, ...errors('400', '401', '403', '404') },
    },
  },
  '/contacts/{ref}/consents': {
    parameters: [contactRef],
    get: {
      operationId: 'getConsents',
      summary:
        'Current consent per channel and topic, and the history of changes with their proof (scope contacts:read)',
      responses: { '200': { description: 'Consents' }, ...errors('400', '401', '403', '404') },
    },
    post: {
      operationId: 'recordConsent',
      summary: 'Record a consent change with its source and proof (scope contacts:write)',
      requestBody: {
        required: true,
        ...json({
          type: 'object',
          required: ['channel', 'status'],
          additionalProperties: false,
          properties: {
            channel: { enum: ['email', 'sms', 'wechat'] },
            topic: {
              type: 'string',
              description: 'Subscription topic; omit for the whole channel',
              examples: ['newsletter'],
            },
            status: { enum: ['opted_in', 'opted_out', 'pending'] },
            source: {
              enum: [
                'api',
                'import',
                'form',
                'preference_center',
                'inbound_keyword',
                'admin',
                'double_opt_in',
              ],
            },
            timestamp: { type: 'string', format: 'date-time' },
            proof: {
              type: 'object',
              properties: {
                ip: { type: 'string' },
                userAgent: { type: 'string' },
                formId: { type: 'string' },
                importId: { type: 'string' },
                wordingVersion: { type: 'string' },
                text: { type: 'string' },
              },
            },
          },
        }),
      },
      responses: {
        '201': { description: 'Recorded; the contact’s consents afterwards' },
        ...errors('400', '401', '403', '404', '415'),
      },
    },
  },
  '/contacts/{ref}/export': {
    parameters: [contactRef],
    get: {
      operationId: 'exportContact',
      summary: 'Everything held about the contact, as JSON (scope contacts:read)',
      responses: { '200': { description: 'The export document' }, ...errors('400', '401', '403', '404') },
    },
  },
};
