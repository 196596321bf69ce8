import { describe, expect, it } from 'vitest';
import { displayName } from './stage-label.ts';

describe('displayName', () => {
  it('puts the family name first for CJK names and falls back to email or phone', () => {
    expect(displayName({ firstName: '芳', lastName: '王', email: null, phone: null })).toBe('王芳');
    expect(displayName({ firstName: 'Ann', lastName: 'Smith', email: null, phone: null })).toBe('Ann Smith');
    expect(displayName({ firstName: null, lastName: null, email: 'a@b.de', phone: null })).toBe('a@b.de');
    expect(displayName({ firstName: null, lastName: null, email: null, phone: null })).toBe('—');
  });
});
