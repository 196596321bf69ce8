import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`csat:${payload}`).digest('base64url').slice(0, 16);

/**
 * The token in a rating link: the conversation and the moment the rating was asked, signed. A later request (the
 * conversation resolved again) makes older links stale rather than letting them overwrite the newer answer.
 */
export function ratingToken(secret: string, conversationId: string, requestedAt: Date): string {
  const payload = `${conversationId}.${requestedAt.getTime().toString(36)}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function readRatingToken(
  secret: string,
  token: string,
): { conversationId: string; requestedAt: Date } | null {
  const match = /^([0-9a-f-]{36})\.([0-9a-z]{1,12})\.([\w-]{16})$/.exec(token);
  if (!match) return null;
  const [, conversationId, stamp, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(secret, `${conversationId}.${stamp}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { conversationId, requestedAt: new Date(parseInt(stamp, 36)) };
}

/** A rating as people type it: 1–5, in ASCII or full-width digits, alone on the line. */
export function ratingIn(text: string): number | null {
  const match = /^\s*([1-5１-５])\s*$/.exec(text);
  if (!match) return null;
  const digit = match[1]!;
  return digit >= '１' ? digit.charCodeAt(0) - 0xff10 : Number(digit);
}
