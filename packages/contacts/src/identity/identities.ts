import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** The ways a person is known to a workspace; each is unique within the workspace. */
export const IDENTITY_KINDS = ['email', 'phone', 'wechatId', 'externalId'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];
export type Identities = Partial<Record<IdentityKind, string>>;

export class IdentityError extends Error {
  constructor(
    readonly field: IdentityKind,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}

const EMAIL = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]{2,}$/;

/** Lower-cased and trimmed; the local part is kept as sent (dots and +tags are meaningful on most domains). */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email))
    throw new IdentityError('email', `"${raw}" is not a valid email address`);
  return email;
}

/**
 * E.164 (+4915112345678). Numbers without a country code are read in `defaultCountry` (the workspace's); numbers
 * that cannot exist in any plan are refused, so typos never become identities.
 */
export function normalisePhone(raw: string, defaultCountry?: CountryCode): string {
  const phone = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  if (!phone || !phone.isValid())
    throw new IdentityError(
      'phone',
      `"${raw}" is not a valid phone number${defaultCountry ? '' : ' (use the international format, e.g. +4915112345678)'}`,
    );
  return phone.number;
}

function normaliseOpaqueId(kind: 'wechatId' | 'externalId', raw: string): string {
  const value = raw.trim();
  if (!value || value.length > 200) throw new IdentityError(kind, `${kind} must be 1–200 characters`);
  if (/\p{Cc}/u.test(value)) throw new IdentityError(kind, `${kind} must not contain control characters`);
  return value;
}

/** Normalises every identity present; throws IdentityError naming the first invalid one. */
export function normaliseIdentities(raw: Identities, defaultCountry?: CountryCode): Identities {
  const out: Identities = {};
  if (raw.email !== undefined) out.email = normaliseEmail(raw.email);
  if (raw.phone !== undefined) out.phone = normalisePhone(raw.phone, defaultCountry);
  if (raw.wechatId !== undefined) out.wechatId = normaliseOpaqueId('wechatId', raw.wechatId);
  if (raw.externalId !== undefined) out.externalId = normaliseOpaqueId('externalId', raw.externalId);
  return out;
}

export const hasAnyIdentity = (identities: Identities) =>
  IDENTITY_KINDS.some((k) => identities[k] !== undefined);
