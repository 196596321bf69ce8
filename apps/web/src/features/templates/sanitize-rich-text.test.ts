// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from './sanitize-rich-text.ts';

describe('the editor shows text blocks only through the sanitiser', () => {
  it('drops event handlers, scripts and code links from a stored draft, keeping the formatting', () => {
    const stored =
      '<p>hi</p><img src=x onerror=alert(1)><p onclick="x()"><strong>bold</strong> ' +
      '<a href="javascript:alert(1)">bad</a> <a href="https://ok.example" target="_blank">ok</a> ' +
      '<a href="{{ unsubscribe_url }}">leave</a></p><script>alert(1)</script>' +
      '<svg><g onload=alert(1)></g></svg><style>*{}</style>';
    const holder = document.createElement('div');
    holder.innerHTML = sanitizeRichText(stored);
    expect(holder.querySelectorAll('[onerror], [onclick], [onload], img, script, svg, style')).toHaveLength(
      0,
    );
    expect(holder.innerHTML).toBe(
      '<p>hi</p><p><strong>bold</strong> <a>bad</a> <a href="https://ok.example">ok</a> ' +
        '<a href="{{ unsubscribe_url }}">leave</a></p>',
    );
  });
});
