import { validationError } from './errors.ts';

// Deliberately simple: one @, a dot in the domain, no spaces. Real validation is a confirmation email.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 320 || !EMAIL.test(email))
    throw validationError(field, `"${raw}" is not a valid email address`);
  return email;
}

export const PASSWORD_MIN_LENGTH = 10;

export function assertPasswordStrength(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH)
    throw validationError(field, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > 200) throw validationError(field, 'Password must be at most 200 characters');
}
