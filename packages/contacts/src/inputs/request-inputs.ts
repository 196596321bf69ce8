import {
  IDENTITY_KINDS,
  IdentityError,
  hasAnyIdentity,
  normaliseIdentities,
  type Identities,
} from '../identity/identities.ts';
import type { AttributeSchema, FieldErrors } from '../attributes/attribute-schema.ts';
import type { IdentifyInput } from '../identity/identify.ts';
import type { EventInput } from '../events/ingest-events.ts';
import type { IdentifyBody, TrackBody } from './ingestion-schemas.ts';
import type { Actor } from '@switchboard/accounts';
import type { AttributeType } from '../traits/attribute-types.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Raised with every problem found, keyed by field path, so the API answers one 400 naming them all. */
export class InputError extends Error {
  constructor(readonly fields: FieldErrors) {
    super(`Invalid ${Object.keys(fields).join(', ')}`);
    this.name = 'InputError';
  }
}

function identitiesOf(
  body: Partial<Record<(typeof IDENTITY_KINDS)[number], string>>,
  prefix: string,
  errors: FieldErrors,
): Identities {
  const raw: Identities = {};
  for (const kind of IDENTITY_KINDS) if (body[kind] !== undefined) raw[kind] = body[kind];
  for (const kind of IDENTITY_KINDS) {
    if (raw[kind] === undefined) continue;
    try {
      normaliseIdentities({ [kind]: raw[kind] });
    } catch (error) {
      if (error instanceof IdentityError) errors[`${prefix}${kind}`] = error.message;
      else throw error;
    }
  }
  return Object.keys(errors).some((k) => k.startsWith(prefix)) ? {} : normaliseIdentities(raw);
}

function timeOf(value: string | undefined, field: string, now: Date, errors: FieldErrors): Date {
  if (value === undefined) return now;
  const at = new Date(value);
  if (at.getTime() > now.getTime() + DAY) errors[field] = 'must not be more than a day in the future';
  if (at.getFullYear() < 2000) errors[field] = 'must be after the year 2000';
  return at;
}

export function identifyInputFrom(
  body: IdentifyBody,
  schema: AttributeSchema,
  actor: Actor,
  now: Date,
  prefix = '',
): { input: IdentifyInput; newTypes: Map<string, AttributeType>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const identities = identitiesOf(body, prefix, errors);
  if (!Object.keys(errors).length && !hasAnyIdentity(identities))
    errors[`${prefix}email`] = 'identify needs at least one of email, phone, wechatId, externalId';
  const {
    values,
    errors: attributeErrors,
    newTypes,
  } = schema.validate(body.attributes ?? {}, `${prefix}attributes`);
  Object.assign(errors, attributeErrors);
  const at = timeOf(body.timestamp, `${prefix}timestamp`, now, errors);
  return {
    input: {
      identities,
      profile: {
        ...(body.firstName !== undefined ? { firstName: body.firstName } : {}),
        ...(body.lastName !== undefined ? { lastName: body.lastName } : {}),
        ...(body.timezone !== undefined ? { timezone: body.timezone } : {}),
        ...(body.locale !== undefined ? { locale: body.locale } : {}),
        ...(body.lifecycleStage !== undefined ? { lifecycleStage: body.lifecycleStage } : {}),
      },
      attributes: values,
      ...(body.tags ? { tags: body.tags } : {}),
      at,
      actor,
    },
    newTypes,
    errors,
  };
}

export function eventInputFrom(
  body: TrackBody,
  now: Date,
  prefix = '',
): { input: EventInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const identities = identitiesOf(body, prefix, errors);
  if (!Object.keys(errors).length && !body.contactId && !hasAnyIdentity(identities))
    errors[`${prefix}contactId`] = 'say whose event it is: contactId, email, phone, wechatId or externalId';
  if (body.currency && body.revenue === undefined) errors[`${prefix}revenue`] = 'currency needs a revenue';
  const occurredAt = timeOf(body.timestamp, `${prefix}timestamp`, now, errors);
  return {
    input: {
      contact: body.contactId ? { contactId: body.contactId } : { identities },
      name: body.event,
      properties: body.properties ?? {},
      ...(body.revenue !== undefined ? { revenue: body.revenue } : {}),
      ...(body.currency ? { currency: body.currency } : {}),
      occurredAt,
      ...(body.messageId ? { messageId: body.messageId } : {}),
      source: 'api',
    },
    errors,
  };
}
