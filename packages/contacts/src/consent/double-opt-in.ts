import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { conflict, escapeHtml, type TransactionalMailer } from '@switchboard/accounts';
import { sql } from '../sql.ts';
import { InputError } from '../inputs/request-inputs.ts';
import type { ContactRow } from '../profile/contact-row.ts';
import { recordConsent } from './consent.ts';
import { OPT_IN_EMAIL, optInLanguage } from './double-opt-in-copy.ts';

/** Confirmation links work for a week, like most newsletter tools'. */
const VALID_MS = 7 * 24 * 60 * 60 * 1000;

interface TokenPayload {
  /** contact id */
  c: string;
  /** topic ('' = the email channel) */
  t: string;
  /** requested at, ms */
  r: number;
}

/** The signing key: derived from SESSION_SECRET, so rotating that secret also retires outstanding links. */
const keyFrom = (secret: string) => createHash('sha256').update(`${secret}:double-opt-in`).digest();

export function signDoubleOptIn(secret: string, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', keyFrom(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The payload of a genuine, unexpired link; otherwise why not. */
export function verifyDoubleOptIn(
  secret: string,
  token: string,
  now = Date.now(),
): { ok: true; payload: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' } {
  const [body, mac] = token.split('.');
  if (!body || !mac) return { ok: false, reason: 'invalid' };
  const expected = createHmac('sha256', keyFrom(secret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (now - payload.r > VALID_MS) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

export interface DoubleOptInRequest {
  topic: string;
  wordingVersion?: string;
  /** The wording the person saw when they signed up. */
  text?: string;
  ip?: string;
  userAgent?: string;
  formId?: string;
}

/**
 * Starts double opt-in: email consent for the topic becomes pending (with the sign-up's proof) and a confirmation
 * email with a signed link goes out through the real email path. Only the click makes it opted in.
 */
export async function requestDoubleOptIn(
  em: EntityManager,
  contact: ContactRow,
  request: DoubleOptInRequest,
  deps: { mailer: TransactionalMailer; publicUrl: string; secret: string; senderName: string },
) {
  if (!contact.email) throw new InputError({ email: 'The contact has no email address to confirm' });
  if (contact.do_not_contact)
    throw conflict(
      'This address is suppressed (erased, unsubscribed or bounced before); it cannot be mailed',
      'email',
    );
  const requestedAt = new Date();
  await recordConsent(em, contact.workspace_id, contact.id, {
    channel: 'email',
    topic: request.topic,
    status: 'pending',
    source: 'double_opt_in',
    proof: {
      ...(request.ip ? { ip: request.ip } : {}),
      ...(request.userAgent ? { userAgent: request.userAgent } : {}),
      ...(request.formId ? { formId: request.formId } : {}),
      ...(request.wordingVersion ? { wordingVersion: request.wordingVersion } : {}),
      ...(request.text ? { text: request.text } : {}),
    },
    at: requestedAt,
  });
  const token = signDoubleOptIn(deps.secret, { c: contact.id, t: request.topic, r: requestedAt.getTime() });
  const link = `${deps.publicUrl.replace(/\/$/, '')}/confirm/${token}`;
  // Written in the contact's language, as everything else they receive.
  const language = optInLanguage(contact.locale);
  const words = OPT_IN_EMAIL[language];
  const what = words.what(request.topic);
  await deps.mailer.sendTransactional({
    to: contact.email,
    subject: words.subject(deps.senderName),
    text: `${words.ask(what, deps.senderName)}:\n\n${link}\n\n${words.ignore}\n`,
    html: `<!doctype html><html lang="${language}"><body style="font-family:system-ui,sans-serif;max-width:560px;margin:auto;padding:24px">
<p>${escapeHtml(words.ask(what, deps.senderName))}.</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#2563eb;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${words.button}</a></p>
<p style="color:#555;font-size:13px">${words.ignore}</p>
</body></html>`,
  });
  return { status: 'pending' as const, link };
}

/**
 * Confirms from the link's page (a POST, so mail scanners that open links do not confirm on the person's behalf).
 * Confirming twice is harmless; a contact erased meanwhile cannot be confirmed.
 */
export async function confirmDoubleOptIn(
  em: EntityManager,
  secret: string,
  token: string,
  proof: { ip?: string; userAgent?: string },
): Promise<'confirmed' | 'invalid' | 'expired' | 'gone'> {
  const verified = verifyDoubleOptIn(secret, token);
  if (!verified.ok) return verified.reason;
  const { c: contactId, t: topic, r: requestedAt } = verified.payload;
  const [contact] = await sql<{ workspace_id: string; do_not_contact: boolean }>(
    em,
    'select workspace_id, do_not_contact from contacts where id = ?',
    [contactId],
  );
  if (!contact || contact.do_not_contact) return 'gone';
  await recordConsent(em, contact.workspace_id, contactId, {
    channel: 'email',
    topic,
    status: 'opted_in',
    source: 'double_opt_in',
    proof: {
      ...(proof.ip ? { ip: proof.ip } : {}),
      ...(proof.userAgent ? { userAgent: proof.userAgent } : {}),
      text: `confirmed by link requested ${new Date(requestedAt).toISOString()}`,
    },
  });
  return 'confirmed';
}
