/** Domain errors; the API layer maps each kind to one HTTP status in one place. */
export class DomainError extends Error {
  constructor(
    readonly kind: 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (field: string, message: string) =>
  new DomainError('validation', message, field);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (message = 'Your role does not allow this') => new DomainError('forbidden', message);
export const conflict = (message: string, field?: string) => new DomainError('conflict', message, field);
export const unauthenticated = (message = 'Sign in first') => new DomainError('unauthenticated', message);

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rate_limited',
      `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    );
  }
}

/** An Idempotency-Key header as the REST API accepts it (absent is fine), or a 400 naming the header. */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key))
    throw validationError('Idempotency-Key', 'Use 1–200 visible ASCII characters (a UUID is ideal)');
}
