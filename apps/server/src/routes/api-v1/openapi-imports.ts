import { err } from './openapi-common.ts';
/** OpenAPI entries for CSV imports and double opt-in. */
const importId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

const importView = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    fileName: { type: 'string' },
    status: { enum: ['queued', 'running', 'completed', 'failed'] },
    totalRows: { type: 'integer' },
    processedRows: { type: 'integer' },
    progress: { type: 'number', minimum: 0, maximum: 1 },
    counts: {
      type: 'object',
      properties: {
        created: { type: 'integer' },
        updated: { type: 'integer' },
        duplicates: { type: 'integer', description: 'Rows merged into another row of the file' },
        rejected: { type: 'integer' },
      },
    },
    mapping: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'The target each column was imported as',
    },
    error: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const importPaths = {
  '/imports': {
    post: {
      operationId: 'createImport',
      summary: 'Upload a CSV file and import it as a durable background job (scope imports:write)',
      description:
        'The body is the file itself (UTF-8; comma, semicolon or tab separated; first row = column names; up to 512 MiB, streamed). ' +
        'Columns are mapped by the `mapping` parameter, else as this workspace mapped the same column name before, else by name ' +
        '(email, phone, first name…; other columns become text attributes). Targets: email, phone, wechatId, externalId, firstName, ' +
        'lastName, timezone, locale, lifecycleStage, tags, attribute:<name>[:text|number|boolean|date|list], ignore. ' +
        'A file that cannot be read is refused whole (400) and nothing is stored.',
      parameters: [
        {
          name: 'fileName',
          in: 'query',
          schema: { type: 'string' },
          examples: { csv: { value: 'fair-leads.csv' } },
        },
        {
          name: 'mapping',
          in: 'query',
          description: 'JSON object: column name → target',
          schema: { type: 'string' },
          examples: {
            mapping: { value: '{"E-Mail":"email","Seats":"attribute:seats:number","Notes":"ignore"}' },
          },
        },
        {
          name: 'options',
          in: 'query',
          description:
            'JSON object: tags (added to everyone), list (static list name), consent {channel, status: opted_in|opted_out, topic, wordingVersion, text} recorded with the import as proof, defaultCountry (ISO code for numbers without +code)',
          schema: { type: 'string' },
          examples: {
            options: {
              value:
                '{"tags":["fair-2026"],"list":"Fair visitors","consent":{"channel":"email","status":"opted_in"},"defaultCountry":"DE"}',
            },
          },
        },
      ],
      requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
      responses: {
        '202': {
          description: 'Stored and started; poll GET /imports/{id}',
          content: { 'application/json': { schema: { type: 'object', properties: { import: importView } } } },
        },
        '400': err(
          'Unreadable file, bad mapping or options; `error.fields` names each (file, mapping.<column>, options.<path>)',
        ),
        '401': err('Missing, unknown or revoked API key'),
        '403': err('The API key lacks imports:write'),
        '413': err('File larger than 512 MiB'),
        '415': err('Body is not a CSV file'),
        '503': err('The workflow service is unreachable; nothing was imported, try again'),
      },
    },
  },
  '/imports/{id}': {
    parameters: [importId],
    get: {
      operationId: 'getImport',
      summary: 'Progress, counts and the first 100 rejected rows of an import (scope imports:write)',
      responses: {
        '200': {
          description: 'The import',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  import: importView,
                  rejectedRows: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { row: { type: 'integer' }, reason: { type: 'string' } },
                    },
                  },
                  rejectedReportUrl: { type: 'string' },
                },
              },
            },
          },
        },
        '404': err('No such import in this workspace'),
      },
    },
  },
  '/imports/{id}/rejected.csv': {
    parameters: [importId],
    get: {
      operationId: 'getImportRejections',
      summary:
        'Every rejected row with its row number and reason, under the file’s own header (scope imports:write)',
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } } },
    },
  },
  '/contacts/{ref}/double-opt-in': {
    parameters: [
      {
        name: 'ref',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        description: 'Contact id, email, phone:…, wechat:… or external:…',
      },
    ],
    post: {
      operationId: 'requestDoubleOptIn',
      summary:
        'Make email consent pending and send the confirmation email with a signed link (scope contacts:write)',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              properties: {
                topic: { type: 'string', examples: ['newsletter'] },
                wordingVersion: { type: 'string' },
                text: { type: 'string', description: 'The wording the person saw' },
                formId: { type: 'string' },
                ip: { type: 'string' },
                userAgent: { type: 'string' },
              },
            },
          },
        },
      },
      responses: {
        '202': { description: 'Pending; the contact’s consents afterwards' },
        '400': err('Invalid input, or the contact has no email (`error.fields.email`)'),
        '404': err('No such contact'),
        '409': err('The address is suppressed'),
      },
    },
  },
};
