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
