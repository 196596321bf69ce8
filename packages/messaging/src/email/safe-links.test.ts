import { describe, expect, it } from 'vitest';
import { stripUnsafeLinks } from './safe-links.ts';

describe('links that run code are removed from email HTML', () => {
  it('removes javascript:, data:, vbscript: and file: targets however they are spelled', () => {
    const hostile = [
      '<a href="javascript:alert(1)">x</a>',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href="java\tscript:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
      "<a href='data:text/html;base64,PHNjcmlwdD4='>x</a>",
      '<a href=vbscript:msgbox(1)>x</a>',
      '<area href="javascript:alert(1)">',
      '<form action="javascript:alert(1)"><button formaction="data:x">go</button></form>',
    ];
    for (const html of hostile) {
      const safe = stripUnsafeLinks(html);
      expect(safe, html).not.toMatch(/javascript|vbscript|data:|&#|colon/i);
    }
    expect(stripUnsafeLinks('<a class="b" href="javascript:x" title="t">text</a>')).toBe(
      '<a class="b" title="t">text</a>',
    );
  });

  it('keeps everything else byte for byte: web, mail and phone links, Liquid, Outlook conditionals', () => {
    const html = [
      '<!DOCTYPE html><html><head><style>a{color:red}</style></head><body>',
      '<!--[if mso]><table><tr><td><![endif]-->',
      '<a href="https://example.com/?a=1&amp;b=2">web</a> <a href="mailto:x@example.com">mail</a>',
      '<a href="tel:+491511234567">phone</a> <a href="{{ unsubscribe_url }}">unsubscribe</a>',
      '<img src="data:image/png;base64,AAAA" alt="inline"><a href=#top>top</a>',
      '</body></html>',
    ].join('\n');
    expect(stripUnsafeLinks(html)).toBe(html);
  });
});
