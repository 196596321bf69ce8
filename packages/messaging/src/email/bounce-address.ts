import { createHmac } from 'node:crypto';

/**
 * VERP-style envelope sender: every message gets its own bounce address, `bounces+<id>.<sig>@<domain>`, so a bounce
 * names the message it belongs to even when the remote server mangles or omits the original headers. The short
 * signature keeps forged bounces from suppressing other people's addresses.
 */
const LOCAL_PREFIX = { bounce: 'bounces', reply: 'reply', unsubscribe: 'unsubscribe' } as const;
export type ReturnAddressKind = keyof typeof LOCAL_PREFIX;

function signature(secret: string, kind: ReturnAddressKind, id: string): string {
  return createHmac('sha256', secret).update(`${kind}:${id}`).digest('base64url').slice(0, 10).toLowerCase();
}

const compactId = (messageId: string) => messageId.replace(/-/g, '');
function expandId(compact: string): string | null {
  if (!/^[0-9a-f]{32}$/.test(compact)) return null;
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

export function returnAddress(secret: string, kind: ReturnAddressKind, messageId: string, domain: string) {
  const id = compactId(messageId);
  return `${LOCAL_PREFIX[kind]}+${id}.${signature(secret, kind, id)}@${domain}`;
}

/** The message a bounce or reply address belongs to, or null if it is not one of ours (or its signature is wrong). */
export function readReturnAddress(
  secret: string,
  address: string,
): { kind: ReturnAddressKind; messageId: string } | null {
  const local = address.trim().toLowerCase().split('@')[0] ?? '';
  const match = /^(bounces|reply|unsubscribe)\+([0-9a-f]{32})\.([a-z0-9_-]{10})$/.exec(local);
  if (!match) return null;
  const kind = (Object.keys(LOCAL_PREFIX) as ReturnAddressKind[]).find((k) => LOCAL_PREFIX[k] === match[1]);
  if (!kind) return null;
  const [, , id, sig] = match as unknown as [string, string, string, string];
  if (signature(secret, kind, id) !== sig) return null;
  const messageId = expandId(id);
  return messageId ? { kind, messageId } : null;
}

/**
 * The value of the X-Switchboard-Message header: the message id and its bounce signature. Reports that reach us
 * other than through the message's own bounce address (a feedback loop's fixed address, postmaster) are trusted only
 * when the headers they return carry this, so a message id seen in a Message-ID or a link changes nothing.
 */
export function signedMessageReference(secret: string, messageId: string): string {
  return `${messageId}.${signature(secret, 'bounce', compactId(messageId))}`;
}

/** The message id of a signed reference, or null when it is not one of ours or its signature is wrong. */
export function readSignedMessageReference(secret: string, value: string): string | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([a-z0-9_-]{10})$/.exec(
    value.trim().toLowerCase(),
  );
  if (!match) return null;
  const [, messageId, sig] = match as unknown as [string, string, string];
  return signature(secret, 'bounce', compactId(messageId)) === sig ? messageId : null;
}
