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

/** OpenAPI entries for campaigns (scopes campaigns:read, campaigns:send). */

const STATUSES = ['draft', 'scheduled', 'sending', 'testing', 'paused', 'sent', 'cancelled', 'failed'];
const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };

// Each form a constant of its own: in one array literal TypeScript would widen them into a shape a schema is not.
const sendNow = { type: 'object', required: ['mode'], properties: { mode: { const: 'now' } } };
const sendAt = {
  type: 'object',
  required: ['mode', 'at'],
  properties: { mode: { const: 'at' }, at: { ...dateTime, examples: ['2026-12-24T09:00:00+01:00'] } },
};
const sendAtLocalTime = {
  type: 'object',
  required: ['mode', 'date', 'time'],
  properties: {
    mode: { const: 'localTime' },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-12-24'] },
    time: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['09:00'] },
  },
};
const sendOptimised = {
  type: 'object',
  required: ['mode'],
  properties: { mode: { const: 'optimised' }, from: dateTime },
};
const schedule = {
  description:
    'now; at a time; localTime: the same wall-clock time in each recipient’s time zone (the workspace’s when unknown); optimised: each recipient at their most engaged hour within 24 hours',
  oneOf: [sendNow, sendAt, sendAtLocalTime, sendOptimised],
};

const variant = {
  type: 'object',
  required: ['key', 'templateId'],
  properties: {
    key: { enum: ['A', 'B', 'C', 'D', 'E'] },
    templateId: { ...uuid, description: 'Its latest published version is pinned when the campaign is saved' },
    subject: { type: 'string', maxLength: 300, description: 'A/B on subject: this variant’s subject' },
    fromName: { type: 'string', maxLength: 120, description: 'A/B on sender name' },
    delayHours: { type: 'integer', minimum: 0, maximum: 72, description: 'A/B on send time' },
  },
};

const campaignInput = {
  type: 'object',
  required: ['name', 'channel', 'segmentId', 'variants'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, examples: ['December newsletter'] },
    channel: { enum: ['email', 'sms', 'wechat'] },
    segmentId: uuid,
    topic: {
      type: 'string',
      maxLength: 100,
      description: 'Subscription topic ("" = the channel as a whole)',
    },
    variants: { type: 'array', minItems: 1, maxItems: 5, items: variant },
    abTest: {
      type: ['object', 'null'],
      description: 'Needed with two or more variants',
      properties: {
        field: { enum: ['subject', 'fromName', 'content', 'sendTime'] },
        testShare: { type: 'number', minimum: 0.02, maximum: 0.5 },
        windowMinutes: { type: 'integer', minimum: 1, maximum: 10080 },
        metric: { enum: ['opens', 'clicks', 'conversions'] },
        conversionEvent: { type: 'string', maxLength: 200 },
      },
    },
    schedule: { ...schedule, description: `Saved with the draft (default now). ${schedule.description}` },
    recurrence: {
      type: ['string', 'null'],
      description:
        'Five-field cron in the workspace’s time zone: each run sends a copy to the segment as it is then',
      examples: ['0 9 * * 1'],
    },
  },
  examples: [
    {
      name: 'December newsletter',
      channel: 'email',
      segmentId: '6f1c8c1e-3f7a-4a51-9a53-5d0f7b6e2a11',
      variants: [{ key: 'A', templateId: '0b9e4a0c-2f61-4a3e-8d2c-6a7e9b1c4d55' }],
    },
  ],
};

export const campaignSchemas = {
  Campaign: {
    type: 'object',
    properties: {
      id: uuid,
      name: { type: 'string' },
      channel: { enum: ['email', 'sms', 'wechat'] },
      status: { enum: STATUSES },
      segmentId: { type: ['string', 'null'], format: 'uuid' },
      topic: { type: 'string' },
      variants: {
        type: 'array',
        items: {
          allOf: [
            variant,
            {
              type: 'object',
              properties: {
                templateVersionId: uuid,
                templateVersion: { type: 'integer' },
                templateName: { type: 'string' },
              },
            },
          ],
        },
      },
      schedule,
      abTest: { type: ['object', 'null'] },
      recurrence: { type: ['string', 'null'] },
      winner: { type: ['string', 'null'] },
      audienceSize: { type: ['integer', 'null'], description: 'Recipients snapshotted when sending began' },
      error: { type: ['string', 'null'] },
      createdAt: dateTime,
      scheduledAt: nullableDateTime,
      startedAt: nullableDateTime,
      finishedAt: nullableDateTime,
      progress: {
        type: ['object', 'null'],
        description: 'While it runs: the workflow’s own figures',
        properties: {
          phase: { enum: ['test', 'window', 'rest', 'done'] },
          next: { type: 'integer', description: 'Recipients queued so far' },
          total: { type: 'integer' },
          sent: { type: 'integer' },
          heldBack: { type: 'integer', description: 'Kept for the A/B winner' },
          paused: { type: 'boolean' },
          cancelled: { type: 'boolean' },
          winner: { type: ['string', 'null'] },
        },
      },
    },
  },
};

const campaignAnswer = (description: string) =>
  jsonAnswer({ type: 'object', properties: { campaign: schemaRef('Campaign') } }, description);
const notFound = err('No such campaign in this workspace');
const readErrors = scopeErrors('campaigns:read');
const sendErrors = scopeErrors('campaigns:send');

const controlPath = (action: 'pause' | 'resume' | 'cancel', summary: string) => ({
  parameters: [uuidPathParameter],
  post: {
    operationId: `${action}Campaign`,
    summary,
    responses: {
      '200': campaignAnswer('Done'),
      '404': notFound,
      '409': err(`The campaign is not running or scheduled, so there is nothing to ${action}`),
      ...sendErrors,
    },
  },
});

export const campaignPaths = {
  '/campaigns': {
    get: {
      operationId: 'listCampaigns',
      summary: 'Campaigns newest first with their key rates (cursor-paginated)',
      parameters: pageParameters(50, 200),
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: {
              campaigns: {
                type: 'array',
                items: {
                  allOf: [
                    schemaRef('Campaign'),
                    {
                      type: 'object',
                      properties: {
                        sent: { type: 'integer' },
                        deliveryRate: { type: ['number', 'null'] },
                        openRate: { type: ['number', 'null'] },
                        clickRate: { type: ['number', 'null'] },
                        bounceRate: { type: ['number', 'null'] },
                      },
                    },
                  ],
                },
              },
              next: nextCursor,
            },
          },
          'A page of campaigns',
        ),
        ...readErrors,
      },
    },
    post: {
      operationId: 'createCampaign',
      summary: 'Create a draft campaign',
      requestBody: jsonBody(campaignInput),
      responses: {
        '201': campaignAnswer('Created as a draft'),
        '400': err('Invalid campaign (a template not published or of another channel…); `fields` names it'),
        '404': err('The segment does not exist'),
        ...sendErrors,
      },
    },
  },
  '/campaigns/{id}': {
    parameters: [uuidPathParameter],
    get: {
      operationId: 'getCampaign',
      summary: 'A campaign with its live progress while it runs',
      responses: { '200': campaignAnswer('The campaign'), '404': notFound, ...readErrors },
    },
    put: {
      operationId: 'updateCampaign',
      summary: 'Replace a draft (variants are re-pinned to their templates’ latest published versions)',
      requestBody: jsonBody(campaignInput),
      responses: {
        '200': campaignAnswer('Saved'),
        '400': err('Invalid campaign'),
        '404': notFound,
        '409': err('Only a draft can be edited'),
        ...sendErrors,
      },
    },
  },
  '/campaigns/{id}/send': {
    parameters: [uuidPathParameter],
    post: {
      operationId: 'sendCampaign',
      summary: 'Send a draft now',
      description:
        'Snapshots the segment and queues every recipient through consent, suppression, frequency caps and quiet hours. Sending twice is one send (409 the second time). Follow it with GET /campaigns/{id}.',
      responses: {
        '202': campaignAnswer('Sending'),
        '404': notFound,
        '409': err('Not a draft (already sent, scheduled or sending)'),
        ...sendErrors,
      },
    },
  },
  '/campaigns/{id}/schedule': {
    parameters: [uuidPathParameter],
    post: {
      operationId: 'scheduleCampaign',
      summary: 'Schedule a draft: at a time, at a local time per recipient, or optimised per recipient',
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        required: ['schedule'],
        properties: { schedule },
        examples: [{ schedule: { mode: 'at', at: '2026-12-24T09:00:00+01:00' } }],
      }),
      responses: {
        '202': campaignAnswer('Scheduled'),
        '400': err('Invalid schedule, or a time that has passed'),
        '404': notFound,
        '409': err('Not a draft, or a recurring campaign'),
        ...sendErrors,
      },
    },
  },
  '/campaigns/{id}/pause': controlPath('pause', 'Pause sending (queued recipients wait)'),
  '/campaigns/{id}/resume': controlPath('resume', 'Resume a paused campaign'),
  '/campaigns/{id}/cancel': controlPath(
    'cancel',
    'Cancel: nothing more is sent; a scheduled campaign never starts',
  ),
  '/campaigns/{id}/report': {
    parameters: [uuidPathParameter],
    get: {
      operationId: 'getCampaignReport',
      summary: 'Counts, rates, links, the hourly timeline and A/B results',
      description:
        'Rates are of messages sent: delivery = delivered / sent, open = human opens / delivered (machine opens by mail scanners are counted apart), click = unique clickers / delivered.',
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: {
              report: {
                type: 'object',
                properties: {
                  audience: { type: ['integer', 'null'] },
                  counts: { type: 'object', additionalProperties: { type: 'integer' } },
                  rates: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
                  links: { type: 'array', items: { type: 'object' } },
                  timeline: { type: 'array', items: { type: 'object' } },
                  variants: { type: 'array', items: { type: 'object' } },
                  sampleSizeHint: { type: ['object', 'null'] },
                },
              },
            },
          },
          'The report',
        ),
        '404': notFound,
        ...readErrors,
      },
    },
  },
  '/campaigns/{id}/failures': {
    parameters: [uuidPathParameter],
    get: {
      operationId: 'listCampaignFailures',
      summary: 'Recipients not delivered (failed, bounced, suppressed) with the reason (cursor-paginated)',
      parameters: pageParameters(100, 1000),
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: {
              failures: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    messageId: uuid,
                    contactId: uuid,
                    address: { type: ['string', 'null'] },
                    status: { enum: ['failed', 'bounced', 'suppressed'] },
                    code: {
                      type: ['string', 'null'],
                      description: 'The receiving server’s or provider’s code, e.g. 5.1.1 or a Twilio error',
                    },
                    reason: { type: 'string' },
                    retryable: { type: 'boolean' },
                  },
                },
              },
              next: nextCursor,
            },
          },
          'A page of failures',
        ),
        '404': notFound,
        ...readErrors,
      },
    },
  },
  '/campaigns/{id}/retry-failed': {
    parameters: [uuidPathParameter],
    post: {
      operationId: 'retryCampaignFailures',
      summary:
        'Send the retryable failures again (never an unknown outcome: a duplicate is worse than a gap)',
      responses: {
        '202': jsonAnswer(
          { type: 'object', properties: { retried: { type: 'integer' } } },
          'How many went back to the queue',
        ),
        '404': notFound,
        '409': err('The campaign has not been sent yet'),
        ...sendErrors,
      },
    },
  },
};
