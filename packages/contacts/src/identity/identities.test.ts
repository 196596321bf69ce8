import { describe, expect, it } from 'vitest';
import { IdentityError, normaliseEmail, normaliseIdentities, normalisePhone } from './identities.ts';

describe('identity normalisation', () => {
  it('lower-cases and trims emails and refuses malformed ones', () => {
    expect(normaliseEmail('  Ana.Lopez+news@Example.COM ')).toBe('ana.lopez+news@example.com');
    for (const bad of ['ana', 'ana@', '@x.com', 'a b@x.com', 'ana@x', 'ana@@x.com', 'a,b@x.com'])
      expect(() => normaliseEmail(bad), bad).toThrow(IdentityError);
  });

  it('turns phone numbers into E.164, reading national numbers in the workspace country', () => {
    expect(normalisePhone('+49 151 1234 5678')).toBe('+4915112345678');
    expect(normalisePhone('0151 12345678', 'DE')).toBe('+4915112345678');
    expect(normalisePhone('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(normalisePhone('(415) 555-2671', 'US')).toBe('+14155552671');
  });

  it('refuses numbers that cannot exist, and national numbers without a country', () => {
    expect(() => normalisePhone('+49 123')).toThrow(/not a valid phone number/);
    expect(() => normalisePhone('0151 12345678')).toThrow(/international format/);
    expect(() => normalisePhone('not a phone')).toThrow(IdentityError);
  });

  it('names the invalid identity', () => {
    try {
      normaliseIdentities({ email: 'ok@example.com', phone: '12' });
      expect.unreachable();
    } catch (error) {
      expect((error as IdentityError).field).toBe('phone');
    }
    expect(() => normaliseIdentities({ wechatId: '' })).toThrow(/wechatId must be 1–200 characters/);
    expect(normaliseIdentities({ wechatId: ' wxid_abc ', externalId: 'CRM-1' })).toEqual({
      wechatId: 'wxid_abc',
      externalId: 'CRM-1',
    });
  });
});
