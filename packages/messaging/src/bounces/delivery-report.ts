import { simpleParser } from 'mailparser';
import { complaintFromFeedbackReport } from './arf.ts';
import { bounceFromDeliveryStatus, parseDeliveryStatus } from './dsn.ts';
import { findPart, PARSER_OPTIONS, toInboundMail, type InboundMail } from './inbound-mail.ts';
import { plainTextBounce } from './plain-text-bounce.ts';

export type DeliveryReport =
  | {
      kind: 'bounce';
      severity: 'hard' | 'soft';
      /** RFC 3463 status, e.g. '5.1.1'. */
      status: string;
      /** RFC 3464 action, lowercased: 'failed' or 'delayed'. */
      action: string;
      /** Original-Recipient (else Final-Recipient) address, lowercased, without 'rfc822;'. */
      recipient: string | null;
      diagnostic: string | null;
      /** Message-ID of the returned original, without angle brackets. */
      originalMessageId: string | null;
      /** Header section of the returned original (message/rfc822 or text/rfc822-headers), lowercased names. */
      originalHeaders: Record<string, string>;
    }
  | {
      kind: 'complaint';
      /** RFC 5965 Feedback-Type, lowercased: abuse, fraud, virus, other, ... */
      feedbackType: string;
      recipient: string | null;
      originalMessageId: string | null;
      originalHeaders: Record<string, string>;
    };

export type BounceReport = Extract<DeliveryReport, { kind: 'bounce' }>;
export type ComplaintReport = Extract<DeliveryReport, { kind: 'complaint' }>;

const FEEDBACK_REPORT_TYPES = ['message/feedback-report'] as const;
const DELIVERY_STATUS_TYPES = ['message/delivery-status', 'message/global-delivery-status'] as const;

/**
 * Classifies a message that arrived at the bounce/reply listener as a bounce (RFC 3464 DSN, or a plain-text
 * bounce recognised heuristically), a complaint (RFC 5965 ARF), or null for anything else: human replies,
 * auto-replies, success notices. Never throws: unparseable input is null too.
 */
export async function parseDeliveryReport(raw: string | Buffer): Promise<DeliveryReport | null> {
  try {
    return classifyInboundMail(toInboundMail(await simpleParser(raw, PARSER_OPTIONS)));
  } catch {
    // The listener cannot do anything useful with a message it cannot parse; it is simply not a report.
    return null;
  }
}

/** The classification step on its own, for callers that already hold a parsed message. */
export function classifyInboundMail(mail: InboundMail): DeliveryReport | null {
  const feedback = findPart(mail, FEEDBACK_REPORT_TYPES);
  if (feedback) return complaintFromFeedbackReport(feedback.text, mail);
  const deliveryStatus = findPart(mail, DELIVERY_STATUS_TYPES);
  const dsn = deliveryStatus ? parseDeliveryStatus(deliveryStatus.text) : null;
  // A DSN that lists recipients is authoritative, so a delivered/relayed one must not reach the heuristics.
  if (dsn && dsn.recipients.length > 0) return bounceFromDeliveryStatus(dsn, mail);
  return plainTextBounce(mail);
}
