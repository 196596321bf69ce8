import { err, idempotencyKeyHeader } from './openapi-common.ts';
/** OpenAPI entries for entering contacts into journeys. */

const instance = {
  type: 'object',
  properties: {
    instance: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        journeyId: { type: 'string', format: 'uuid' },
        contactId: { type: 'string', format: 'uuid' },
        status: { enum: ['active', 'completed', 'converted', 'exited', 'failed'] },
        currentStep: { type: ['string', 'null'], description: 'The id of the step it is at (or ended at)' },
        enteredAt: { type: 'string', format: 'date-time' },
      },
    },
  },
};

export const journeyPaths = {
  '/journeys/{id}/enrol': {
    post: {
      operationId: 'enrolInJourney',
      summary: 'Put a contact into a live journey (scope journeys:enrol)',
      description:
        'The journey’s entry rules apply (re-entry never / after N days / always; one active instance per contact). ' +
        '`data` is what the journey’s templates see as `event`, e.g. {{ event.order_id }} or a loop over event.items.',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        idempotencyKeyHeader('instance', 'a second entry'),
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['contact'],
              additionalProperties: false,
              properties: {
                contact: {
                  type: 'string',
                  description: 'Contact id, email, +E.164 phone, or wechat:… / external:… reference',
                },
                data: { type: 'object', description: 'Up to 32 KiB of JSON for the templates (`event`)' },
              },
            },
          },
        },
      },
      responses: {
        '201': {
          description: 'Entered; the first step runs now',
          content: { 'application/json': { schema: instance } },
        },
        '200': {
          description: 'Replay of an earlier request with this Idempotency-Key',
          content: { 'application/json': { schema: instance } },
        },
        '400': err('Invalid body; `fields` names each problem'),
        '401': { $ref: '#/components/responses/Unauthorized' },
        '403': err('The API key lacks journeys:enrol'),
        '404': err('No such journey or contact in this workspace'),
        '409': err(
          'The journey is not live, the contact is in it now (or was, and re-entry is not allowed), or the Idempotency-Key was used for another contact',
        ),
      },
    },
  },
};
