/**
 * What a text block may hold, shared by the server's sanitiser (sanitize-html) and the editor's (DOMPurify): a small
 * allow-list of formatting tags, `href` on links only, and links only to web, mail and phone addresses, anchors or
 * a Liquid variable such as `{{ unsubscribe_url }}`. No other attribute survives, so nothing can run.
 */
export const RICH_TEXT_TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'a',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'blockquote',
  'span',
  'sup',
  'sub',
] as const;

/** Elements dropped together with their content (the rest are unwrapped, their text kept). */
export const RICH_TEXT_DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'svg',
  'math',
  'noscript',
  'textarea',
  'select',
  'title',
] as const;

const SAFE_HREF = /^(?:https?:|mailto:|tel:|\{\{|#)/i;

// Browsers drop ASCII whitespace and control characters anywhere in a URL ("java\tscript:").
// eslint-disable-next-line no-control-regex
const BROWSER_IGNORED_IN_URL = /[\u0000-\u0020\u007f]/g;

/** Whether a link target may stay (after the browser's own trimming of whitespace and control characters). */
export function isSafeRichTextHref(href: string): boolean {
  return SAFE_HREF.test(href.replace(BROWSER_IGNORED_IN_URL, ''));
}
