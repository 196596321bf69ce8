import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed tokens in every tracked URL. The signature binds the purpose, the message and (for clicks) the target URL,
 * so a click token redirects only to a link we put into that message, and nobody can mint an unsubscribe for someone
 * else. Tokens carry no expiry: unsubscribe links must keep working long after the send (RFC 8058 asks for "some
 * time"; we promise at least 30 days and in practice as long as the message row exists).
 */
export type TokenPurpose = 'open' | 'click' | 'unsubscribe';

export interface ClickTarget {
  messageId: string;
  url: string;
}

const SIGNATURE_BYTES = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function sign(secret: string, purpose: TokenPurpose, payload: string): string {
  return b64(
    createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest().subarray(0, SIGNATURE_BYTES),
  );
}

function verifySignature(secret: string, purpose: TokenPurpose, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, payload));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const uuidToB64 = (id: string) => b64(Buffer.from(id.replace(/-/g, ''), 'hex'));
function b64ToUuid(text: string): string | null {
  const hex = Buffer.from(text, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return UUID.test(id) ? id : null;
}

/** `<message id>.<signature>` for opens and unsubscribes. */
export function messageToken(secret: string, purpose: 'open' | 'unsubscribe', messageId: string): string {
  const id = uuidToB64(messageId);
  return `${id}.${sign(secret, purpose, id)}`;
}

export function readMessageToken(
  secret: string,
  purpose: 'open' | 'unsubscribe',
  token: string,
): string | null {
  const [id, signature, extra] = token.split('.');
  if (!id || !signature || extra !== undefined) return null;
  if (!verifySignature(secret, purpose, id, signature)) return null;
  return b64ToUuid(id);
}

/** Only web links are ever tracked or redirected to: never javascript:, data:, file: or relative URLs. */
export function isRedirectableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** `<message id>.<url>.<signature>`: stateless, so a click on a 1M-recipient campaign needs no lookup to redirect. */
export function clickToken(secret: string, target: ClickTarget): string {
  if (!isRedirectableUrl(target.url)) throw new Error(`Refusing to track a non-web link: ${target.url}`);
  const payload = `${uuidToB64(target.messageId)}.${b64(target.url)}`;
  return `${payload}.${sign(secret, 'click', payload)}`;
}

export function readClickToken(secret: string, token: string): ClickTarget | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [id, url, signature] = parts as [string, string, string];
  if (!verifySignature(secret, 'click', `${id}.${url}`, signature)) return null;
  const messageId = b64ToUuid(id);
  const target = Buffer.from(url, 'base64url').toString('utf8');
  if (!messageId || !isRedirectableUrl(target)) return null;
  return { messageId, url: target };
}
