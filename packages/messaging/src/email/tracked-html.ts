import { clickToken, isRedirectableUrl, messageToken } from '../tracking/tracking-tokens.ts';

export interface TrackingUrls {
  /** Public base URL of the server, e.g. https://mail.example.com */
  baseUrl: string;
  secret: string;
  messageId: string;
}

const ANCHOR_HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gis;
const ENTITY = /&(amp|quot|#39|#x27|lt|gt);/g;
const ENTITY_TEXT: Record<string, string> = {
  amp: '&',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  lt: '<',
  gt: '>',
};

const decodeAttribute = (value: string) =>
  value.replace(ENTITY, (_, name: string) => ENTITY_TEXT[name] ?? '');
const encodeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

export const clickUrl = (urls: TrackingUrls, target: string) =>
  `${urls.baseUrl}/t/c/${clickToken(urls.secret, { messageId: urls.messageId, url: target })}`;
export const openPixelUrl = (urls: TrackingUrls) =>
  `${urls.baseUrl}/t/o/${messageToken(urls.secret, 'open', urls.messageId)}.gif`;
export const unsubscribeUrl = (urls: TrackingUrls) =>
  `${urls.baseUrl}/u/${messageToken(urls.secret, 'unsubscribe', urls.messageId)}`;

/**
 * Rewrites every web link through the click redirect and adds the open pixel. mailto:, tel:, anchors and our own
 * unsubscribe/preference links are left alone: the unsubscribe link must work even where a scanner blocks redirects.
 */
export function addTracking(html: string, urls: TrackingUrls): { html: string; links: string[] } {
  const links: string[] = [];
  const ownPages = `${urls.baseUrl}/u/`;
  const rewritten = html.replace(ANCHOR_HREF, (whole, prefix: string, quote: string, raw: string) => {
    const target = decodeAttribute(raw.trim());
    if (!isRedirectableUrl(target) || target.startsWith(ownPages)) return whole;
    links.push(target);
    return `${prefix}${quote}${encodeAttribute(clickUrl(urls, target))}${quote}`;
  });
  const pixel = `<img src="${encodeAttribute(openPixelUrl(urls))}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
  const withPixel = /<\/body\s*>/i.test(rewritten)
    ? rewritten.replace(/<\/body\s*>/i, `${pixel}</body>`)
    : rewritten + pixel;
  return { html: withPixel, links };
}
