import {
  err,
  jsonAnswer,
  jsonBody,
  nextCursor,
  pageParameters,
  schemaRef,
  scopeErrors,
  uuidPathParameter,
} from './openapi-common.ts';

/** OpenAPI entries for templates (scopes templates:read, templates:write). */

const emailDraftExample = {
  subject: 'Welcome, {{ contact.first_name | default: "friend" }}',
  preheader: 'Three things to try first',
  fromName: 'Acme',
  fromAddress: 'news@acme.example',
  source:
    '<mjml><mj-body><mj-section><mj-column><mj-text>Hello {{ contact.first_name }}</mj-text><mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text></mj-column></mj-section></mj-body></mjml>',
};
const draft = {
  type: 'object',
  description:
    'Email: subject, preheader, fromName, fromAddress, replyTo and either `document` (format blocks, the editor’s block document) or `source` (formats mjml and html). SMS: `body` (≤ 1,600 characters). WeChat: `text` and an optional `link` card {url, title, description, thumbnailUrl}. Liquid works everywhere: {{ contact.first_name }}, {{ event.… }}, {{ unsubscribe_url }}.',
  examples: [emailDraftExample, { body: 'Hi {{ contact.first_name }}, your order has shipped.' }],
};

export const templateSchemas = {
  Template: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string', examples: ['Welcome'] },
      channel: { enum: ['email', 'sms', 'wechat'] },
      format: { enum: ['blocks', 'mjml', 'html', 'text'] },
      draft,
      latestVersion: { type: 'integer', description: '0 until first published' },
      latestVersionId: { type: ['string', 'null'], format: 'uuid' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
};

const templateAnswer = (description: string) =>
  jsonAnswer({ type: 'object', properties: { template: schemaRef('Template') } }, description);
const notFound = err('No such template in this workspace');

export const templatePaths = {
  '/templates': {
    get: {
      operationId: 'listTemplates',
      summary: 'Templates that are not archived, newest first (cursor-paginated)',
      parameters: [
        ...pageParameters(50, 200),
        { name: 'channel', in: 'query', schema: { enum: ['email', 'sms', 'wechat'] } },
      ],
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: { templates: { type: 'array', items: schemaRef('Template') }, next: nextCursor },
          },
          'A page of templates',
        ),
        ...scopeErrors('templates:read'),
      },
    },
    post: {
      operationId: 'createTemplate',
      summary: 'Create a draft template, from your content or the starter',
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        required: ['name', 'channel'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200, examples: ['Welcome'] },
          channel: { enum: ['email', 'sms', 'wechat'] },
          format: {
            enum: ['blocks', 'mjml', 'html', 'text'],
            description: 'Email: blocks (default), mjml or html; SMS and WeChat: text',
          },
          language: { enum: ['en', 'zh-CN'], description: 'Of the starter content when no draft is sent' },
          draft,
        },
        examples: [{ name: 'Welcome', channel: 'email', format: 'mjml', draft: emailDraftExample }],
      }),
      responses: {
        '201': templateAnswer('Created (not yet published)'),
        '400': err('Invalid body or draft; `fields` names the path, e.g. draft.subject'),
        ...scopeErrors('templates:write'),
      },
    },
  },
  '/templates/{id}': {
    parameters: [uuidPathParameter],
    get: {
      operationId: 'getTemplate',
      summary: 'A template with its draft and published versions',
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: {
              template: schemaRef('Template'),
              versions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string', format: 'uuid' },
                    version: { type: 'integer' },
                    publishedAt: { type: 'string', format: 'date-time' },
                    warnings: { type: 'integer' },
                  },
                },
              },
            },
          },
          'The template',
        ),
        '404': notFound,
        ...scopeErrors('templates:read'),
      },
    },
  },
  '/templates/{id}/draft': {
    parameters: [uuidPathParameter],
    put: {
      operationId: 'saveTemplateDraft',
      summary: 'Replace the draft (published versions never change)',
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        required: ['draft'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, draft },
      }),
      responses: {
        '200': templateAnswer('Saved'),
        '400': err('Invalid draft; `fields` names the path'),
        '404': notFound,
        ...scopeErrors('templates:write'),
      },
    },
  },
  '/templates/{id}/publish': {
    parameters: [uuidPathParameter],
    post: {
      operationId: 'publishTemplate',
      summary: 'Publish the draft as the next immutable version',
      description:
        'The pre-send checks run first: a blocking finding (no unsubscribe link in marketing email, no postal address, a Liquid error…) refuses with 400 and `fields["checks.<code>"]`; warnings are counted in the answer.',
      responses: {
        '201': jsonAnswer(
          {
            type: 'object',
            properties: {
              versionId: { type: 'string', format: 'uuid' },
              version: { type: 'integer', examples: [1] },
              warnings: { type: 'integer', examples: [0] },
            },
          },
          'Published',
        ),
        '400': err('A blocking pre-send check failed'),
        '404': notFound,
        ...scopeErrors('templates:write'),
      },
    },
  },
};
