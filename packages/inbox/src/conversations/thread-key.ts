/**
 * Which thread an inbound message belongs to, per channel: a WeChat chat is the contact's id; an SMS thread is the
 * pair of numbers (a contact texting two of our numbers has two threads); an email thread starts at the message of
 * ours that was answered (a reply to an agent's reply stays in its conversation, see fileInbound).
 */
export function smsThreadKey(contactPhone: string, ourNumber: string | null): string {
  return `${contactPhone}>${ourNumber ?? ''}`;
}

export function wechatThreadKey(wechatId: string): string {
  return wechatId;
}

export function emailThreadKey(answeredMessageId: string): string {
  return `message:${answeredMessageId}`;
}

/** The list's one-line preview of a message: whitespace folded, at most 280 characters. */
export function previewOf(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length > 280 ? `${folded.slice(0, 279)}…` : folded;
}
