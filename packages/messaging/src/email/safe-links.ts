import { Parser } from 'htmlparser2';

/** Link targets that run code or smuggle content instead of going somewhere. */
const UNSAFE_SCHEME = /^(?:javascript|data|vbscript|file):/i;
/** Attributes a mail client or browser follows when the reader clicks or submits. */
const LINK_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  form: ['action'],
  button: ['formaction'],
  input: ['formaction'],
};

// Browsers drop ASCII whitespace and control characters anywhere in a URL ("java\tscript:").
// eslint-disable-next-line no-control-regex
const BROWSER_IGNORED_IN_URL = /[\u0000-\u0020\u007f]/g;

const normalisedUrl = (value: string) => value.replace(BROWSER_IGNORED_IN_URL, '');

export function isUnsafeLink(value: string): boolean {
  return UNSAFE_SCHEME.test(normalisedUrl(value));
}

function serialiseTag(name: string, attributes: Record<string, string>, selfClosing: boolean): string {
  const rendered = Object.entries(attributes).map(([key, value]) =>
    value === '' ? ` ${key}` : ` ${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`,
  );
  return `<${name}${rendered.join('')}${selfClosing ? ' /' : ''}>`;
}

/**
 * Email HTML with every `javascript:`, `data:`, `vbscript:` and `file:` link removed (the attribute goes; the
 * element and its text stay). The HTML is read by a real parser, which decodes entities and sees attributes the way
 * a browser does, so `&#106;avascript:` or a tab inside the scheme do not slip through; everything else in the
 * document — conditional comments for Outlook, doctype, styles — is kept byte for byte.
 */
export function stripUnsafeLinks(html: string): string {
  const edits: { start: number; end: number; replacement: string }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const watched = LINK_ATTRIBUTES[name];
        if (!watched?.some((attribute) => attribute in attributes && isUnsafeLink(attributes[attribute]!)))
          return;
        const kept = Object.fromEntries(
          Object.entries(attributes).filter(
            ([key, value]) => !(watched.includes(key) && isUnsafeLink(value)),
          ),
        );
        const source = html.slice(parser.startIndex, parser.endIndex + 1);
        edits.push({
          start: parser.startIndex,
          end: parser.endIndex + 1,
          replacement: serialiseTag(name, kept, /\/\s*>$/.test(source)),
        });
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  );
  parser.end(html);
  if (!edits.length) return html;
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + html.slice(at);
}
