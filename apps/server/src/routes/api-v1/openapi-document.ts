import { importPaths } from './openapi-imports.ts';
import { messagePaths } from './openapi-messages.ts';
import { journeyPaths } from './openapi-journeys.ts';
import { conversationPaths } from './openapi-conversations.ts';
import { contactPaths, contactSchemas } from './openapi-contacts.ts';
import { webhookPaths, webhookSchemas } from './openapi-webhooks.ts';
import { suppressionPaths } from './openapi-suppressions.ts';
import { templatePaths, templateSchemas } from './openapi-templates.ts';
import { segmentPaths, segmentSchemas } from './openapi-segments.ts';
import { campaignPaths, campaignSchemas } from './openapi-campaigns.ts';

/** The OpenAPI 3.1 description of /api/v1; later issues add their paths here, next to the routes that serve them. */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchboard REST API',
      version: '1.0.0',
      description:
        'Push contacts and events into Switchboard, and drive templates, segments, campaigns, webhooks and the suppression list from code. Authenticate with an API key from Settings → API keys; each operation names the scope it needs.',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key such as sb_live_…' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', examples: ['validation_failed'] },
                message: { type: 'string' },
                fields: {
                  type: 'object',
                  additionalProperties: { type: 'string' },
                  description: 'Field → problem',
                },
              },
            },
          },
        },
        ...contactSchemas,
        ...webhookSchemas,
        ...templateSchemas,
        ...segmentSchemas,
        ...campaignSchemas,
        Workspace: {
          type: 'object',
          required: ['id', 'slug', 'name'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            slug: { type: 'string' },
            name: { type: 'string' },
          },
        },
      },
      responses: {
        Unauthorized: {
          description: 'Missing, unknown or revoked API key',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
    paths: {
      ...contactPaths,
      ...importPaths,
      ...messagePaths,
      ...journeyPaths,
      ...conversationPaths,
      ...webhookPaths,
      ...suppressionPaths,
      ...templatePaths,
      ...segmentPaths,
      ...campaignPaths,
      '/workspace': {
        get: {
          operationId: 'getWorkspace',
          summary: 'The workspace this API key belongs to',
          responses: {
            '200': {
              description: 'The workspace and the key’s scopes',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      workspace: { $ref: '#/components/schemas/Workspace' },
                      key: {
                        type: 'object',
                        properties: {
                          name: { type: 'string' },
                          scopes: { type: 'array', items: { type: 'string' } },
                        },
                      },
                    },
                  },
                },
              },
            },
            '401': { $ref: '#/components/responses/Unauthorized' },
          },
        },
      },
    },
  };
}
