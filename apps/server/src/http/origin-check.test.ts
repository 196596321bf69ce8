import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './origin-check.ts';

const publicUrl = 'https://switchboard.example.com';
const h = (init: Record<string, string>) => new Headers(init);

describe('same-origin check for state-changing requests', () => {
  it('accepts our own origin and the Host we were reached on', () => {
    expect(isSameOrigin(h({ origin: publicUrl }), publicUrl)).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://localhost:3000', host: 'localhost:3000' }), publicUrl)).toBe(
      true,
    );
  });
  it('refuses another site, including via Referer and the opaque "null" origin', () => {
    expect(isSameOrigin(h({ origin: 'https://evil.example' }), publicUrl)).toBe(false);
    expect(isSameOrigin(h({ referer: 'https://evil.example/page' }), publicUrl)).toBe(false);
    expect(isSameOrigin(h({ origin: 'null' }), publicUrl)).toBe(false);
  });
  it('lets non-browser clients without Origin or Referer through (they carry no ambient cookies to forge)', () => {
    expect(isSameOrigin(h({}), publicUrl)).toBe(true);
  });
});
