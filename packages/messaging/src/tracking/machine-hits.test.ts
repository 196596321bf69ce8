import { describe, expect, it } from 'vitest';
import { classifyTrackingHit } from './machine-hits.ts';

const sentAt = new Date('2026-11-26T10:00:00Z');
const later = new Date('2026-11-26T11:00:00Z');
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

describe('machine opens and clicks', () => {
  it.each([
    ['open', 'GET', 'Mozilla/5.0', later, 'Apple Mail Privacy Protection'],
    ['click', 'HEAD', iphone, later, 'HEAD request'],
    ['click', 'GET', 'Mozilla/5.0 (compatible; Proofpoint URL Defense)', later, 'security scanner'],
    ['click', 'GET', 'python-requests/2.31', later, 'security scanner'],
    ['click', 'GET', iphone, new Date(sentAt.getTime() + 3_000), 'within 10 s'],
    ['open', 'GET', '', later, 'no user agent'],
  ] as const)('%s %s by "%s" is a machine', (kind, method, userAgent, at, reason) => {
    const verdict = classifyTrackingHit({ kind, method, userAgent, sentAt, at });
    expect(verdict.machine).toBe(true);
    expect(verdict.reason).toContain(reason);
  });

  it('a person on a phone an hour later, or Gmail’s image proxy, is human', () => {
    expect(
      classifyTrackingHit({ kind: 'click', method: 'GET', userAgent: iphone, sentAt, at: later }),
    ).toEqual({
      machine: false,
      reason: null,
    });
    const gmail = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
    expect(
      classifyTrackingHit({ kind: 'open', method: 'GET', userAgent: gmail, sentAt, at: later }).machine,
    ).toBe(false);
  });
});
