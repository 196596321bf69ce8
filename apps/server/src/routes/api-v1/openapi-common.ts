/** Pieces every OpenAPI path file uses: error responses in the shared Error shape, and the Idempotency-Key header. */
const jsonError = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

export const err = (description: string) => ({ description, ...jsonError });

/** `what` is what a repeated request gets back instead of a second one ("message", "instance"…). */
export const idempotencyKeyHeader = (what: string, instead: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description: `Repeat a request with the same key and you get the first ${what} back (200, Idempotent-Replayed: true) instead of ${instead}`,
});

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON answer with its schema. */
export const jsonAnswer = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

/** What every operation behind a scope may answer before it runs. */
export const scopeErrors = (scope: string) => ({
  '401': { $ref: '#/components/responses/Unauthorized' },
  '403': err(`The API key lacks ${scope}`),
});

export const uuidPathParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

/** `?after=&limit=` of a cursor-paginated list; the answer's `next` (null on the last page) is the next `after`. */
export const pageParameters = (defaultLimit: number, maxLimit: number) => [
  {
    name: 'after',
    in: 'query',
    schema: { type: 'string', format: 'uuid' },
    description: '`next` of the previous page',
  },
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit },
  },
];

export const nextCursor = {
  type: ['string', 'null'],
  description: 'Pass as `after` for the next page; null on the last page',
};
