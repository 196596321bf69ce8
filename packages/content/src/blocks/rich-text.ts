/** Tags the rich-text editor produces; anything else is unwrapped (its text kept) or, for active content, dropped. */
const ALLOWED = new Set([
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
]);
const DROP_WITH_CONTENT =
  /<(script|style|iframe|object|embed|template|svg|math|noscript)\b[\s\S]*?<\/\1\s*>/gi;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g;
const SAFE_HREF = /^(https?:|mailto:|tel:|\{\{|#)/i;

function hrefOf(attributes: string): string | null {
  const match = /\bhref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  if (!match) return null;
  const value = (match[2] ?? match[3] ?? match[4] ?? '').trim();
  return SAFE_HREF.test(value) ? value : null;
}

/**
 * Rich text as it may go into an email: a small allow-list of formatting tags, links only to web, mail and phone
 * addresses (or a Liquid variable), no attributes that run code. Marketers paste from everywhere; mail must stay inert.
 */
export function safeRichText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(DROP_WITH_CONTENT, '')
    .replace(TAG, (_whole, closing: string, name: string, attributes: string) => {
      const tag = name.toLowerCase();
      if (!ALLOWED.has(tag)) return '';
      if (closing) return `</${tag}>`;
      if (tag === 'a') {
        const href = hrefOf(attributes);
        return href ? `<a href="${href.replace(/"/g, '&quot;')}">` : '<a>';
      }
      return tag === 'br' ? '<br />' : `<${tag}>`;
    });
}
