import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { DomainError } from '@switchboard/accounts';
import { IdentityError, InputError, UnknownContactError } from '@switchboard/contacts';
import { SegmentCompileError } from '@switchboard/segments';

const STATUS = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
} as const;

export function apiError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500,
  code: string,
  message: string,
  fields?: Record<string, string>,
) {
  return c.json({ error: { code, message, ...(fields ? { fields } : {}) } }, status);
}

/** The one place REST errors become HTTP: validation → 400 naming the field, … , anything unknown → 500 without details. */
export function toApiErrorResponse(c: Context, error: unknown, log: (error: unknown) => void) {
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
    return apiError(c, 400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
  }
  if (error instanceof InputError) return apiError(c, 400, 'validation_failed', error.message, error.fields);
  if (error instanceof IdentityError)
    return apiError(c, 400, 'validation_failed', error.message, { [error.field]: error.message });
  if (error instanceof SegmentCompileError)
    return apiError(c, 400, 'validation_failed', error.message, { [`rules.${error.path}`]: error.message });
  if (error instanceof UnknownContactError)
    return apiError(c, 404, 'not_found', error.message, { [error.field]: error.message });
  if (error instanceof DomainError) {
    return apiError(
      c,
      STATUS[error.kind],
      error.kind,
      error.message,
      error.field ? { [error.field]: error.message } : undefined,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as 400 | 413 | 415;
    const code =
      status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return apiError(c, status, code, error.message);
  }
  if (error instanceof SyntaxError)
    return apiError(c, 400, 'malformed_json', 'The request body is not valid JSON');
  log(error);
  return apiError(c, 500, 'internal_error', 'Something went wrong on our side; it has been logged');
}
