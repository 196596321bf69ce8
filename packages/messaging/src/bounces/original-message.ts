import { field, parseHeaderSection, type Fields } from './fields.ts';
import { findPart, type InboundMail } from './inbound-mail.ts';
import { addressFromField, allAddresses, messageIdFrom } from './values.ts';

/** Where reports carry the returned message: whole, or its header section only (RFC 6522, RFC 6533). */
const ORIGINAL_TYPES = [
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
  // Not registered, but some MTAs label the header-only copy this way.
  'message/rfc822-headers',
] as const;

/**
 * The line plain-text bounces put between their explanation and the quoted original: qmail/Yahoo ("--- Below
 * this line is a copy of the message."), Exim ("------ This is a copy of the message, including all the
 * headers. ------"), Sendmail ("----- Original message follows -----"), Exchange ("Original message headers:").
 */
const QUOTE_MARKER = new RegExp(
  String.raw`^[ \t]*-*[ \t]*(?:` +
    [
      'below this line is a copy of the message',
      'this is a copy of the message(?:, including all the headers)?',
      'original message(?: headers?)?(?: follows)?',
      'message headers? follows?',
      '(?:the )?headers? of the original message(?: is following)?',
      'unsent message below',
      'returned message',
      'undelivered message(?: headers)?',
    ].join('|') +
    String.raw`)[ \t.:]*-*[ \t]*$`,
  'im',
);

export interface ReturnedOriginal {
  headers: Fields;
  messageId: string | null;
}

/** The original the report returned as a MIME part, if it has one. */
export function attachedOriginal(mail: InboundMail): ReturnedOriginal | null {
  const part = findPart(mail, ORIGINAL_TYPES);
  return part ? originalFromHeaders(parseHeaderSection(part.text)) : null;
}

/** Splits a plain-text bounce into its explanation and the original quoted below it, if any. */
export function splitQuotedOriginal(text: string): { notice: string; quoted: ReturnedOriginal | null } {
  const marker = QUOTE_MARKER.exec(text);
  if (!marker) return { notice: text, quoted: null };
  const headers = parseHeaderSection(text.slice(marker.index + marker[0].length));
  return {
    notice: text.slice(0, marker.index),
    quoted: Object.keys(headers).length > 0 ? originalFromHeaders(headers) : null,
  };
}

export function originalFromHeaders(headers: Fields): ReturnedOriginal {
  return { headers, messageId: messageIdFrom(field(headers, 'message-id')) };
}

/** Gmail and Exchange point back at the original from the report's own threading headers. */
export function messageIdFromThreading(headers: Fields): string | null {
  // The last References entry is the message replied to; earlier ones are its ancestors.
  const lastReference = field(headers, 'references')?.split(/\s+/).at(-1) ?? null;
  return messageIdFrom(field(headers, 'in-reply-to')) ?? messageIdFrom(lastReference);
}

/** Who the returned original was addressed to, for reports that do not name the recipient themselves. */
export function recipientOfOriginal(headers: Fields): string | null {
  // Outlook.com's JMRP reports redact the To of the returned copy but add this header to it.
  const outlookRecipient = addressFromField(field(headers, 'x-hmxmroriginalrecipient'));
  if (outlookRecipient) return outlookRecipient;
  // We send one message per recipient, so a To naming several addresses is not one to guess from.
  const to = allAddresses(field(headers, 'to') ?? '');
  return to.length === 1 ? (to[0] ?? null) : null;
}
