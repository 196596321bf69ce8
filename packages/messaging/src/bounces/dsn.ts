import type { BounceReport } from './delivery-report.ts';
import { field, parseFieldGroups, type Fields } from './fields.ts';
import type { InboundMail } from './inbound-mail.ts';
import { attachedOriginal, messageIdFromThreading, recipientOfOriginal } from './original-message.ts';
import { findSmtpFailure, severityOf, statusFromField } from './smtp-status.ts';
import { addressFromField, messageIdFrom } from './values.ts';

/** One per-recipient group of an RFC 3464 message/delivery-status part. */
export interface DsnRecipient {
  action: string;
  status: string;
  recipient: string | null;
  diagnostic: string | null;
}

export interface DeliveryStatus {
  /** X-Original-Message-ID, which Gmail reports when it does not return the original. */
  originalMessageId: string | null;
  recipients: DsnRecipient[];
}

export function parseDeliveryStatus(text: string): DeliveryStatus {
  const groups = parseFieldGroups(text);
  const perMessage = groups.find((group) => !isRecipientGroup(group)) ?? {};
  return {
    originalMessageId: messageIdFrom(field(perMessage, 'x-original-message-id')),
    recipients: groups.filter(isRecipientGroup).map(toRecipient),
  };
}

/**
 * The bounce an RFC 3464 report describes, or null when no recipient failed or is delayed: a report of
 * delivered, relayed or expanded recipients is a success notice, not a bounce.
 */
export function bounceFromDeliveryStatus(dsn: DeliveryStatus, mail: InboundMail): BounceReport | null {
  const failed = pickFailedRecipient(dsn.recipients);
  if (!failed) return null;
  const original = attachedOriginal(mail);
  const originalHeaders = original?.headers ?? {};
  return {
    kind: 'bounce',
    severity: severityOf(failed.status, failed.action),
    status: failed.status,
    action: failed.action,
    recipient: failed.recipient ?? recipientOfOriginal(originalHeaders),
    diagnostic: failed.diagnostic,
    originalMessageId: original?.messageId ?? dsn.originalMessageId ?? messageIdFromThreading(mail.headers),
    originalHeaders,
  };
}

/** The recipient a bounce is about: the first that failed, else the first still being retried. */
export function pickFailedRecipient(recipients: DsnRecipient[]): DsnRecipient | null {
  return (
    recipients.find((r) => r.action === 'failed') ?? recipients.find((r) => r.action === 'delayed') ?? null
  );
}

// Some MTAs leave out the per-message group, so groups are told apart by content rather than position.
function isRecipientGroup(group: Fields): boolean {
  return ['final-recipient', 'original-recipient', 'action'].some((name) => field(group, name) !== null);
}

function toRecipient(group: Fields): DsnRecipient {
  const diagnostic = diagnosticText(field(group, 'diagnostic-code'));
  const status = statusFromField(field(group, 'status')) ?? findSmtpFailure(diagnostic ?? '')?.status ?? null;
  const action = actionOf(field(group, 'action'), status);
  return {
    action,
    status: status ?? defaultStatus(action),
    // Original-Recipient is the address we gave in RCPT TO; Final-Recipient may be an alias it expanded to.
    recipient:
      addressFromField(field(group, 'original-recipient')) ??
      addressFromField(field(group, 'final-recipient')),
    diagnostic,
  };
}

/** The Action keyword, lowercased; inferred from the status class when an MTA leaves it out. */
function actionOf(value: string | null, status: string | null): string {
  const keyword = /^\s*([a-z]+)/i.exec(value ?? '')?.[1]?.toLowerCase();
  if (keyword) return keyword;
  if (status?.startsWith('5')) return 'failed';
  if (status?.startsWith('4')) return 'delayed';
  return 'unknown';
}

function defaultStatus(action: string): string {
  if (action === 'failed') return '5.0.0';
  if (action === 'delayed') return '4.0.0';
  return '2.0.0';
}

/** The diagnostic without its "smtp;" type, on one line. */
function diagnosticText(value: string | null): string | null {
  const text = value
    ?.replace(/^\s*[a-z0-9-]+\s*;/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? text : null;
}
