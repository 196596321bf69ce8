import { describe, expect, it } from 'vitest';
import { annotateLinks, clicksFor, type LinkClicks } from './annotate-links.ts';

const links: LinkClicks[] = [
  { url: 'https://shop.example/a?x=1&y=2', clicks: 30, uniqueClicks: 20, share: 0.75 },
  { url: 'https://shop.example/b?utm=news&id=42', clicks: 10, uniqueClicks: 8, share: 0.25 },
];
const format = (l: LinkClicks) => `${l.clicks} · ${Math.round(l.share * 100)}%`;

describe('the click map', () => {
  it('matches links by URL (entities decoded), else without the query of a personalised link', () => {
    expect(clicksFor('https://shop.example/a?x=1&amp;y=2', links)?.clicks).toBe(30);
    expect(clicksFor('https://shop.example/b?utm=news&amp;id=7', links)?.clicks).toBe(10);
    expect(clicksFor('https://shop.example/c', links)).toBeUndefined();
  });

  it('draws a badge on every web link, marks unclicked ones, and leaves other anchors alone', () => {
    const html = `<html><head><title>t</title></head><body>
      <a href="https://shop.example/a?x=1&amp;y=2" style="color:red">Shop <b>now</b></a>
      <a class="btn" href='https://shop.example/c'>Other</a>
      <a href="mailto:help@shop.example">Mail us</a></body></html>`;
    const out = annotateLinks(html, links, format);
    expect(out).toContain(
      'style="color:red" data-clicks="30">Shop <b>now</b><span class="sb-click-badge">30 · 75%</span></a>',
    );
    expect(out).toContain('data-clicks="0">Other<span class="sb-click-badge cold">0 · 0%</span></a>');
    expect(out).toContain('<a href="mailto:help@shop.example">Mail us</a>');
    expect(out.indexOf('<style>')).toBeLessThan(out.indexOf('</head>'));
  });
});
