import type { BounceReport } from './delivery-report.ts';
import { field } from './fields.ts';
import type { InboundMail } from './inbound-mail.ts';
import {
  attachedOriginal,
  messageIdFromThreading,
  recipientOfOriginal,
  splitQuotedOriginal,
} from './original-message.ts';
import { findSmtpFailure, severityOf, type SmtpFailure } from './smtp-status.ts';
import { addressFromField, allAddresses } from './values.ts';

// Anchored at the start so that "Re:", "Fwd:" and "Automatic reply:" to a bounce do not count as one.
const BOUNCE_SUBJECT = new RegExp(
  String.raw`^\s*(?:` +
    [
      'undeliver', // Undeliverable: (Exchange), Undelivered Mail Returned to Sender (Postfix)
      'returned mail', // Sendmail
      'mail delivery (?:failed|failure)', // Exim
      'delivery (?:status notification|failure|failed|has failed|problem|notification|delayed)',
      'failure notice', // qmail, Yahoo
      'non-?deliver',
      'mail system error',
      'delayed mail',
      'warning: could not send', // Sendmail delay warning
    ].join('|') +
    ')',
  'i',
);
const BOUNCE_SENDER = /^(?:mailer-daemon|mail-daemon|mailerdaemon|postmaster)@/i;
const AUTO_REPLY_SUBJECT =
  /^\s*(?:auto(?:matic)?[ -]?(?:reply|response|answer|antwort)|out of (?:the )?office|away from (?:the )?office|on vacation|vacation reply|abwesenheit|r[ée]ponse automatique|respuesta autom[aá]tica)/i;
// Auto-Submitted is no signal here: Postfix marks its own bounces "auto-replied".
const AUTO_REPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder'];
const GAVE_UP = /permanent|given up|giving up|not going to try again/i;
// Bounce notices are short; this bounds the regex work on a huge or hostile body.
const MAX_SCAN_CHARS = 100_000;

/**
 * A bounce from a server that sends no message/delivery-status part (qmail, Yahoo "Failure Notice", older
 * Exchange): it must come from a mailer daemon or carry a bounce subject, not look like an auto-reply, and
 * quote an SMTP failure in its explanation (the part above any quoted original).
 */
export function plainTextBounce(mail: InboundMail): BounceReport | null {
  if (!looksLikeBounce(mail) || looksLikeAutoReply(mail)) return null;
  const { notice, quoted } = splitQuotedOriginal(mail.text.slice(0, MAX_SCAN_CHARS));
  const failure = findSmtpFailure(notice);
  if (!failure) return null;
  const original = attachedOriginal(mail) ?? quoted;
  const originalHeaders = original?.headers ?? {};
  const action = failure.status.startsWith('4') && !GAVE_UP.test(notice) ? 'delayed' : 'failed';
  return {
    kind: 'bounce',
    severity: severityOf(failure.status, action),
    status: failure.status,
    action,
    recipient: failedRecipient(mail, failure, notice) ?? recipientOfOriginal(originalHeaders),
    diagnostic: failure.line,
    originalMessageId: original?.messageId ?? messageIdFromThreading(mail.headers),
    originalHeaders,
  };
}

function looksLikeBounce(mail: InboundMail): boolean {
  return BOUNCE_SUBJECT.test(mail.subject) || (mail.from !== null && BOUNCE_SENDER.test(mail.from));
}

function looksLikeAutoReply(mail: InboundMail): boolean {
  return (
    AUTO_REPLY_SUBJECT.test(mail.subject) ||
    AUTO_REPLY_HEADERS.some((name) => field(mail.headers, name) !== null) ||
    /^\s*auto_reply\b/i.test(field(mail.headers, 'precedence') ?? '')
  );
}

/**
 * Exim and Gmail name the recipient in X-Failed-Recipients; otherwise it is the address in the SMTP reply, or
 * the first one the notice mentions that is not the bounce's own sender or addressee (our return path).
 */
function failedRecipient(mail: InboundMail, failure: SmtpFailure, notice: string): string | null {
  const own = new Set([mail.from, ...allAddresses(field(mail.headers, 'to') ?? '')]);
  const candidates = [
    addressFromField(field(mail.headers, 'x-failed-recipients')?.split(',')[0] ?? null),
    ...allAddresses(failure.line),
    ...allAddresses(notice),
  ];
  return (
    candidates.find((address) => address !== null && !own.has(address) && !BOUNCE_SENDER.test(address)) ??
    null
  );
}
