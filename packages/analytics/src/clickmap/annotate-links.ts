/** One link's human clicks in a click map. */
export interface LinkClicks {
  url: string;
  clicks: number;
  uniqueClicks: number;
  /** Of all human clicks on the message, 0–1. */
  share: number;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const withoutQuery = (url: string) => url.split(/[?#]/)[0]!;

/** The clicks a link in the email earned: by its exact URL, else by the URL without query (personalised links). */
export function clicksFor(href: string, links: LinkClicks[]): LinkClicks | undefined {
  const url = decodeEntities(href);
  return links.find((l) => l.url === url) ?? links.find((l) => withoutQuery(l.url) === withoutQuery(url));
}

const STYLE = `<style>
a[data-clicks] { outline: 2px solid rgba(37, 99, 235, 0.55); outline-offset: 2px; }
.sb-click-badge { display: inline-block; margin-left: 4px; padding: 1px 6px; border-radius: 10px; font: 700 11px/1.6 Arial, sans-serif; color: #fff; background: #2563eb; white-space: nowrap; vertical-align: middle; }
.sb-click-badge.cold { background: #94a3b8; }
</style>`;

/**
 * The email's HTML with each link's clicks drawn on it: a badge with the count and share at the end of every link,
 * links nobody clicked marked 0. The badge text comes from numbers only, so nothing from the email is re-interpreted.
 */
export function annotateLinks(
  html: string,
  links: LinkClicks[],
  format: (link: LinkClicks) => string,
): string {
  const annotated = html.replace(
    /<a\b([^>]*?)\bhref\s*=\s*(["'])(.*?)\2([^>]*)>([\s\S]*?)<\/a>/gi,
    (whole, before: string, _quote: string, href: string, after: string, inner: string) => {
      if (!/^https?:/i.test(href.trim())) return whole;
      const found = clicksFor(href.trim(), links) ?? { url: href, clicks: 0, uniqueClicks: 0, share: 0 };
      const badge = `<span class="sb-click-badge${found.clicks === 0 ? ' cold' : ''}">${format(found)}</span>`;
      return `<a${before}href="${href}"${after} data-clicks="${found.clicks}">${inner}${badge}</a>`;
    },
  );
  return /<\/head>/i.test(annotated) ? annotated.replace(/<\/head>/i, `${STYLE}</head>`) : STYLE + annotated;
}
