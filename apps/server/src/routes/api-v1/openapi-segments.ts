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

/** OpenAPI entries for segments (scopes segments:read, segments:write). */

const rulesExample = {
  kind: 'group',
  match: 'all',
  conditions: [
    { kind: 'consent', channel: 'email', topic: '', status: 'opted_in' },
    { kind: 'event', name: 'purchase', op: 'did', atLeast: 1, withinDays: 90 },
    {
      kind: 'group',
      match: 'any',
      conditions: [
        { kind: 'tag', op: 'has', value: 'vip' },
        { kind: 'lifecycle', op: 'at_least', value: 'customer' },
      ],
    },
  ],
};

const rules = {
  type: 'object',
  description:
    'A group {kind: "group", match: "all" | "any", conditions: […]} whose conditions are groups or one of: attribute {key, op, value}, field {field, op, value}, tag {op: has | has_not, value}, lifecycle {op: is | is_not | at_least, value}, event {name, op: did | did_not, atLeast, withinDays, where: [{key, value}]}, engagement {channel, action, op, withinDays}, consent {channel, topic, status}, segment {op: in | not_in, segmentId}, bucket {salt, from, to}. The same rules the segment builder saves.',
  required: ['kind', 'match', 'conditions'],
  properties: {
    kind: { const: 'group' },
    match: { enum: ['all', 'any'] },
    conditions: { type: 'array', items: { type: 'object' } },
  },
  examples: [rulesExample],
};

export const segmentSchemas = {
  Segment: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { enum: ['dynamic', 'static'], description: 'static: a list filled by import or bulk action' },
      name: { type: 'string', examples: ['Engaged buyers'] },
      description: { type: ['string', 'null'] },
      memberCount: { type: 'integer', description: 'Members as of the last refresh (seconds behind)' },
      rules,
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
};

const notFound = err('No such segment in this workspace');

export const segmentPaths = {
  '/segments': {
    get: {
      operationId: 'listSegments',
      summary: 'Every segment and static list, by name, with member counts as of the last refresh',
      responses: {
        '200': jsonAnswer(
          { type: 'object', properties: { segments: { type: 'array', items: schemaRef('Segment') } } },
          'The segments',
        ),
        ...scopeErrors('segments:read'),
      },
    },
    post: {
      operationId: 'createSegment',
      summary: 'Create a dynamic segment from rules',
      requestBody: jsonBody({
        type: 'object',
        additionalProperties: false,
        required: ['name', 'rules'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200, examples: ['Engaged buyers'] },
          description: { type: ['string', 'null'], maxLength: 2000 },
          rules,
        },
      }),
      responses: {
        '201': jsonAnswer({ type: 'object', properties: { segment: schemaRef('Segment') } }, 'Created'),
        '400': err(
          'Invalid rules (an unknown attribute, a cycle through other segments…); `fields` names the rule',
        ),
        '409': err('A segment of that name exists'),
        ...scopeErrors('segments:write'),
      },
    },
  },
  '/segments/{id}': {
    parameters: [uuidPathParameter],
    get: {
      operationId: 'getSegment',
      summary: 'A segment with its live count (its rules evaluated now)',
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: {
              segment: {
                allOf: [
                  schemaRef('Segment'),
                  {
                    type: 'object',
                    properties: {
                      liveCount: { type: 'integer', description: 'Contacts matching right now' },
                    },
                  },
                ],
              },
            },
          },
          'The segment',
        ),
        '404': notFound,
        ...scopeErrors('segments:read'),
      },
    },
  },
  '/segments/{id}/members': {
    parameters: [uuidPathParameter],
    get: {
      operationId: 'listSegmentMembers',
      summary: 'Members as of the last refresh, in contact-id order (cursor-paginated)',
      parameters: pageParameters(100, 1000),
      responses: {
        '200': jsonAnswer(
          {
            type: 'object',
            properties: {
              members: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string', format: 'uuid' },
                    email: { type: ['string', 'null'] },
                    phone: { type: ['string', 'null'] },
                    firstName: { type: ['string', 'null'] },
                    lastName: { type: ['string', 'null'] },
                    enteredAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
              next: nextCursor,
            },
          },
          'A page of members',
        ),
        '404': notFound,
        ...scopeErrors('segments:read'),
      },
    },
  },
};
