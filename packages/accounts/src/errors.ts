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
