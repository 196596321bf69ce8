import type { ParsedMail } from 'mailparser';
import { parseHeaderSection, type Fields } from './fields.ts';

/** A MIME part that mailparser leaves as an attachment, decoded to text. */
export interface MimePart {
  contentType: string;
  text: string;
}

/** What the classifiers need from a parsed message, so they can be exercised without MIME. */
export interface InboundMail {
  /** Top-level header fields, lowercased names, raw (unfolded) values. */
  headers: Fields;
  subject: string;
  /** The From address, lowercased. */
  from: string | null;
  /** The human-readable body: every text part, HTML converted to text where there is no plain text. */
  text: string;
  /** Report and returned-message parts (message/*, text/rfc822-headers), in message order. */
  parts: MimePart[];
}

// Without keepDeliveryStatus mailparser folds message/delivery-status into `text`, and without ignoreEmbedded
// it parses an inline message/rfc822 (as ARF reports send it) into `text` as well; both must stay parts.
export const PARSER_OPTIONS = {
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  skipImageLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  checksumAlgo: false,
  maxHtmlLengthToParse: 2_000_000,
} as const;

const STRUCTURED_PART = /^(?:message\/|text\/rfc822-headers$)/;

export function toInboundMail(mail: ParsedMail): InboundMail {
  return {
    headers: parseHeaderSection(mail.headerLines.map((header) => header.line).join('\n')),
    subject: mail.subject ?? '',
    from: mail.from?.value[0]?.address?.toLowerCase() ?? null,
    text: mail.text ?? '',
    parts: mail.attachments
      .filter((attachment) => STRUCTURED_PART.test(attachment.contentType.toLowerCase()))
      .map((attachment) => ({
        contentType: attachment.contentType.toLowerCase(),
        text: attachment.content.toString('utf8'),
      })),
  };
}

/** The first part of one of the given content types. */
export function findPart(mail: InboundMail, contentTypes: readonly string[]): MimePart | null {
  return mail.parts.find((part) => contentTypes.includes(part.contentType)) ?? null;
}
