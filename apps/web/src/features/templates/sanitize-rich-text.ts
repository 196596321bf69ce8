import DOMPurify from 'dompurify';
import {
  isSafeRichTextHref,
  RICH_TEXT_DROPPED_WITH_CONTENT,
  RICH_TEXT_TAGS,
} from '@switchboard/content/rich-text-policy';

const purifier = DOMPurify(window);
// The same link rule as the server: web, mail and phone addresses, anchors, Liquid variables; nothing else.
purifier.addHook('afterSanitizeAttributes', (node) => {
  const href = node.getAttribute('href');
  if (href !== null && !isSafeRichTextHref(href)) node.removeAttribute('href');
});

/**
 * A text block's HTML as the editor may show it: DOMPurify with the server's allow-list (rich-text-policy), so a
 * draft saved by someone else (or before sanitising on save existed) can never run in the editor of whoever opens it.
 */
export function sanitizeRichText(html: string): string {
  return purifier.sanitize(html, {
    ALLOWED_TAGS: [...RICH_TEXT_TAGS],
    ALLOWED_ATTR: ['href'],
    FORBID_CONTENTS: [...RICH_TEXT_DROPPED_WITH_CONTENT],
    KEEP_CONTENT: true,
  });
}
