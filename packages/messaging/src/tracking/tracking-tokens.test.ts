import { describe, expect, it } from 'vitest';
import { clickToken, messageToken, readClickToken, readMessageToken } from './tracking-tokens.ts';

const secret = 'a'.repeat(64);
const messageId = '0193a0b2-7c1d-7e2f-8a3b-4c5d6e7f8091';

describe('tracking tokens', () => {
  it('round-trips a click target and an unsubscribe token', () => {
    const url = 'https://shop.example.com/sale?utm=a&x=%20y#top';
    expect(readClickToken(secret, clickToken(secret, { messageId, url }))).toEqual({ messageId, url });
    expect(readMessageToken(secret, 'unsubscribe', messageToken(secret, 'unsubscribe', messageId))).toBe(
      messageId,
    );
  });

  it('refuses tampered targets, swapped purposes and other secrets', () => {
    const token = clickToken(secret, { messageId, url: 'https://shop.example.com/' });
    const [id, , sig] = token.split('.');
    const evil = `${id}.${Buffer.from('https://evil.example/').toString('base64url')}.${sig}`;
    expect(readClickToken(secret, evil)).toBeNull();
    expect(readClickToken('b'.repeat(64), token)).toBeNull();
    const open = messageToken(secret, 'open', messageId);
    expect(readMessageToken(secret, 'unsubscribe', open)).toBeNull();
    expect(readMessageToken(secret, 'open', open + 'x')).toBeNull();
    expect(readMessageToken(secret, 'open', 'garbage')).toBeNull();
    expect(readClickToken(secret, '...')).toBeNull();
  });

  it('never signs or accepts javascript:, data: or relative targets', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>', '/relative', 'file:///etc/passwd'])
      expect(() => clickToken(secret, { messageId, url })).toThrow(/non-web link/);
    // A validly signed payload whose target is not a web URL (as if the secret leaked) is still refused.
    const payload = `${Buffer.from(messageId.replace(/-/g, ''), 'hex').toString('base64url')}.${Buffer.from('javascript:alert(1)').toString('base64url')}`;
    expect(readClickToken(secret, `${payload}.AAAAAAAAAAAAAAAAAAAAAA`)).toBeNull();
  });
});
