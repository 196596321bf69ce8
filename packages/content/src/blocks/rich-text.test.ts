import { describe, expect, it } from 'vitest';
import { safeRichText } from './rich-text.ts';

/** Classic and mutation XSS vectors: none may leave an event handler, a script, a style or a code link behind. */
const VECTORS = [
  '<p>hi</p><img src=x onerror=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<details open ontoggle=alert(1)>',
  '<<script>alert(1)//<</script>',
  '<form><button formaction=javascript:alert(1)>x</button></form>',
];

describe('rich text through the sanitiser', () => {
  for (const vector of VECTORS)
    it(`neutralises ${vector.slice(0, 60)}`, () => {
      const safe = safeRichText(vector);
      expect(safe).not.toMatch(
        /\son\w+\s*=|javascript:|data:|<(script|img|svg|math|iframe|style|form|button|details)\b|style=/i,
      );
    });

  it('keeps the allowed formatting, links and Liquid variables', () => {
    const html =
      '<h2>Hello</h2><p><strong>bold</strong> <em>it</em> <a href="https://example.com/?a=1&amp;b=2">web</a> ' +
      '<a href="mailto:hi@example.com">mail</a> <a href="{{ unsubscribe_url }}">leave</a></p><ul><li>one</li></ul>';
    expect(safeRichText(html)).toBe(html);
  });
});
