import { describe, expect, it } from 'vitest';
import { parseContactReference } from './contact-reference.ts';

describe('contact references in URLs', () => {
  it('reads ids, prefixed identities and bare emails or phone numbers', () => {
    const id = '0b8f6a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(parseContactReference(id)).toEqual({ contactId: id });
    expect(parseContactReference('email:Ana@Example.com')).toEqual({
      kind: 'email',
      value: 'ana@example.com',
    });
    expect(parseContactReference('ana@example.com')).toEqual({ kind: 'email', value: 'ana@example.com' });
    // Routers decode path parameters; decoding again would change what the caller sent.
    expect(parseContactReference('external:50%25')).toEqual({ kind: 'externalId', value: '50%25' });
    expect(parseContactReference('+49 151 12345678')).toEqual({ kind: 'phone', value: '+4915112345678' });
    expect(parseContactReference('wechat:wxid_1')).toEqual({ kind: 'wechatId', value: 'wxid_1' });
    expect(parseContactReference('external:SF-0031')).toEqual({ kind: 'externalId', value: 'SF-0031' });
  });

  it('refuses what it cannot read, naming how to address a contact', () => {
    expect(() => parseContactReference('bob')).toThrow(/use email:…, phone:…/);
    expect(() => parseContactReference('email:bob')).toThrow(/not a valid email/);
    // A literal % is a value like any other, not broken percent-encoding.
    expect(() => parseContactReference('100%')).toThrow(/is not a contact id/);
    expect(() => parseContactReference('%E0%A4%A')).toThrow(/is not a contact id/);
  });
});
