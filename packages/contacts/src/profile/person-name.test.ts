import { describe, expect, it } from 'vitest';
import { personName } from './person-name.ts';

describe('personName', () => {
  it('writes Chinese, Japanese and Korean names family name first, as their owners do', () => {
    expect(personName({ firstName: '芳', lastName: '王' })).toBe('王芳');
    expect(personName({ firstName: '磊军', lastName: '吴', locale: 'zh-CN' })).toBe('吴磊军');
    expect(personName({ firstName: '花子', lastName: '山田', locale: 'ja' })).toBe('山田花子');
    expect(personName({ firstName: '민준', lastName: '김', locale: 'ko_KR' })).toBe('김민준');
    // Romanised with a CJK locale: family first, with a space.
    expect(personName({ firstName: 'Lei', lastName: 'Li', locale: 'zh-CN' })).toBe('Li Lei');
  });

  it('keeps the given name first elsewhere, and copes with one part or none', () => {
    expect(personName({ firstName: 'Ann', lastName: 'Smith' })).toBe('Ann Smith');
    expect(personName({ firstName: 'Ann', lastName: 'Smith', locale: 'en-GB' })).toBe('Ann Smith');
    // Characters say how a name is written, whatever language the profile reads.
    expect(personName({ firstName: '芳', lastName: '王', locale: 'en-US' })).toBe('王芳');
    expect(personName({ firstName: ' ', lastName: 'Smith' })).toBe('Smith');
    expect(personName({ firstName: null, lastName: null })).toBeNull();
  });
});
