import type { ComplaintReport } from './delivery-report.ts';
import { field, parseFieldGroups, type Fields } from './fields.ts';
import type { InboundMail } from './inbound-mail.ts';
import { attachedOriginal, recipientOfOriginal } from './original-message.ts';
import { addressFromField } from './values.ts';

/**
 * ARF feedback types that are not a recipient complaining: auth-failure reports (RFC 6591) describe SPF/DKIM
 * failures seen by the receiver, and not-spam says the recipient wanted the message after all.
 */
const NOT_COMPLAINTS = new Set(['auth-failure', 'not-spam']);

/** The complaint an RFC 5965 message/feedback-report part describes, or null when it is not a complaint. */
export function complaintFromFeedbackReport(reportText: string, mail: InboundMail): ComplaintReport | null {
  const report = mergeGroups(parseFieldGroups(reportText));
  const feedbackType =
    /^\s*([a-z0-9-]+)/i.exec(field(report, 'feedback-type') ?? '')?.[1]?.toLowerCase() ?? 'other';
  if (NOT_COMPLAINTS.has(feedbackType)) return null;
  const original = attachedOriginal(mail);
  const originalHeaders = original?.headers ?? {};
  return {
    kind: 'complaint',
    feedbackType,
    recipient: addressFromField(field(report, 'original-rcpt-to')) ?? recipientOfOriginal(originalHeaders),
    originalMessageId: original?.messageId ?? null,
    originalHeaders,
  };
}

// The report is one field group, but some generators break it with blank lines; the first value still wins.
function mergeGroups(groups: Fields[]): Fields {
  return groups.reduce<Fields>((merged, group) => ({ ...group, ...merged }), {});
}
