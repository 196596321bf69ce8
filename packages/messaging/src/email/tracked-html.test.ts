import { describe, expect, it } from 'vitest';
import { readClickToken, readMessageToken } from '../tracking/tracking-tokens.ts';
import { addTracking } from './tracked-html.ts';

const urls = {
  baseUrl: 'https://sb.example.com',
  secret: 's'.repeat(64),
  messageId: '0193a0b2-7c1d-7e2f-8a3b-4c5d6e7f8091',
};

describe('tracking rewrite', () => {
  it('rewrites web links, keeps mailto, anchors and our own pages, and adds one pixel before </body>', () => {
    const html = `<html><body><a href="https://shop.example.com/a?x=1&amp;y=2">Shop</a>
      <a class="b" href='http://example.org/'>B</a> <a href="mailto:help@example.com">Mail</a>
      <a href="#top">Top</a> <a href="https://sb.example.com/u/abc">Unsubscribe</a></body></html>`;
    const out = addTracking(html, urls);
    expect(out.links).toEqual(['https://shop.example.com/a?x=1&y=2', 'http://example.org/']);
    const tokens = [...out.html.matchAll(/\/t\/c\/([^"']+)/g)].map((m) => m[1]!);
    expect(tokens.map((t) => readClickToken(urls.secret, t)?.url)).toEqual(out.links);
    expect(out.html).toContain('href="mailto:help@example.com"');
    expect(out.html).toContain('href="#top"');
    expect(out.html).toContain('href="https://sb.example.com/u/abc"');
    const pixel = /\/t\/o\/([^"]+)\.gif"[^>]*\/><\/body>/.exec(out.html);
    expect(pixel && readMessageToken(urls.secret, 'open', pixel[1]!)).toBe(urls.messageId);
  });

  it('leaves javascript: links unrewritten so they are never signed', () => {
    const out = addTracking('<a href="javascript:alert(1)">x</a>', urls);
    expect(out.links).toEqual([]);
    expect(out.html).toContain('href="javascript:alert(1)"');
  });
});
