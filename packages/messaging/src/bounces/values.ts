// Bounded quantifiers keep the scan linear on long runs of text that contain no address.
const ADDRESS = /[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}/i;
const ADDRESS_GLOBAL = new RegExp(ADDRESS.source, 'gi');

/**
 * The address in a DSN/ARF recipient field such as "rfc822; User@Example.com" or "<user@example.com>",
 * lowercased. Non-ASCII (RFC 6533 utf-8) addresses are kept as long as they look like one address.
 */
export function addressFromField(value: string | null): string | null {
  if (value === null) return null;
  const withoutType = value.replace(/^\s*[a-z0-9-]+\s*;/i, '');
  const candidate = withoutType
    .replace(/\([^)]*\)/g, '')
    .replace(/[<>]/g, '')
    .trim();
  if (/^[^\s@]+@[^\s@]+$/.test(candidate)) return candidate.toLowerCase();
  return firstAddress(candidate);
}

/** The first email address anywhere in free text, lowercased. */
function firstAddress(text: string): string | null {
  return ADDRESS.exec(text)?.[0].toLowerCase() ?? null;
}

/** Every email address in free text, lowercased, in order of appearance. */
export function allAddresses(text: string): string[] {
  return Array.from(text.matchAll(ADDRESS_GLOBAL), (m) => m[0].toLowerCase());
}

/** A Message-ID without its angle brackets; also accepts the bare form some MTAs write. */
export function messageIdFrom(value: string | null): string | null {
  if (value === null) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  if (bracketed?.[1]) return bracketed[1];
  const bare = value.trim();
  return /^[^\s<>]+@[^\s<>]+$/.test(bare) ? bare : null;
}
