import { IdentityError, normaliseIdentities, type IdentityKind } from '../identity/identities.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFIXES: Record<string, IdentityKind> = {
  email: 'email',
  phone: 'phone',
  wechat: 'wechatId',
  external: 'externalId',
};

export type ParsedReference = { contactId: string } | { kind: IdentityKind; value: string };

/**
 * The `{ref}` of /api/v1/contacts/{ref}: a contact id, or `email:ana@example.com`, `phone:+4915112345678`,
 * `wechat:wxid_…`, `external:CRM-42`. A bare value containing @ is taken as an email, one starting with + as a phone.
 */
export function parseContactReference(raw: string): ParsedReference {
  // Already decoded by the router (a path parameter) or never encoded (a JSON field): decoding again would turn a
  // literal % into an error and %40 into a different identity than the caller sent.
  const ref = raw.trim();
  if (UUID.test(ref)) return { contactId: ref.toLowerCase() };
  const colon = ref.indexOf(':');
  let kind: IdentityKind | undefined;
  let value = ref;
  if (colon > 0 && PREFIXES[ref.slice(0, colon)]) {
    kind = PREFIXES[ref.slice(0, colon)];
    value = ref.slice(colon + 1);
  } else if (ref.includes('@')) kind = 'email';
  else if (ref.startsWith('+')) kind = 'phone';
  if (!kind)
    throw new IdentityError(
      'externalId',
      `"${ref}" is not a contact id; use email:…, phone:…, wechat:… or external:…`,
    );
  const normalised = normaliseIdentities({ [kind]: value });
  return { kind, value: normalised[kind]! };
}
