import { describe, expect, it } from 'vitest';
import { readReturnAddress, returnAddress } from './bounce-address.ts';

const secret = 'k'.repeat(64);
const id = '0193a0b2-7c1d-7e2f-8a3b-4c5d6e7f8091';

describe('per-message bounce and reply addresses', () => {
  it('names the message, whatever case the remote server used', () => {
    const address = returnAddress(secret, 'bounce', id, 'bounces.example.com');
    expect(address).toMatch(/^bounces\+[0-9a-f]{32}\.[a-z0-9_-]{10}@bounces\.example\.com$/);
    expect(readReturnAddress(secret, address.toUpperCase())).toEqual({ kind: 'bounce', messageId: id });
    expect(readReturnAddress(secret, returnAddress(secret, 'reply', id, 'x.example'))).toEqual({
      kind: 'reply',
      messageId: id,
    });
  });

  it('ignores forged signatures and foreign addresses', () => {
    const address = returnAddress(secret, 'bounce', id, 'example.com');
    expect(readReturnAddress('other'.repeat(13), address)).toBeNull();
    expect(readReturnAddress(secret, address.replace('bounces+', 'reply+'))).toBeNull();
    expect(readReturnAddress(secret, 'postmaster@example.com')).toBeNull();
  });
});
