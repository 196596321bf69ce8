import sanitizeHtml from 'sanitize-html';
import { isSafeRichTextHref, RICH_TEXT_DROPPED_WITH_CONTENT, RICH_TEXT_TAGS } from './rich-text-policy.ts';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...RICH_TEXT_TAGS],
  allowedAttributes: { a: ['href'] },
  // Schemes are judged by the policy below (which also allows Liquid variables); sanitize-html's own check would
  // let relative links through.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: [...RICH_TEXT_DROPPED_WITH_CONTENT],
  selfClosing: ['br'],
  transformTags: {
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href;
      return {
        tagName,
        attribs: href !== undefined && isSafeRichTextHref(href) ? { href: href.trim() } : {},
      };
    },
  },
};

/**
 * Rich text as it may go into an email, through a maintained HTML sanitiser (never regular expressions, which are
 * bypassed by design): the allow-list in rich-text-policy.ts. Marketers paste from everywhere; mail must stay inert.
 * Applied when a draft is saved and again when it is compiled.
 */
export function safeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
