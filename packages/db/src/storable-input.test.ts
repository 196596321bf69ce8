import { describe, expect, it } from 'vitest';
import {
  decodeUtf8Strict,
  findUnstorableInput,
  storableText,
  unstorableTextReason,
} from './storable-input.ts';

describe('text PostgreSQL cannot store is found before it reaches a statement', () => {
  it('refuses NUL and unpaired surrogates, keeps real astral characters', () => {
    expect(unstorableTextReason('a\u0000b')).toMatch(/NUL/);
    expect(unstorableTextReason('a\uD800b')).toMatch(/surrogate/);
    expect(unstorableTextReason('\uDC00')).toMatch(/surrogate/);
    expect(unstorableTextReason('end\uD83D')).toMatch(/surrogate/);
    expect(unstorableTextReason('emoji 😀, 汉字, \u202Eright-to-left')).toBeNull();
  });

  it('names the path of the first bad value, in values and in keys', () => {
    expect(findUnstorableInput({ event: 'x', properties: { items: [{ k: 'a\u0000b' }] } })).toEqual({
      path: 'properties.items.0.k',
      message: 'must not contain NUL characters (\\u0000)',
    });
    expect(findUnstorableInput({ properties: { ['k\uD800']: 1 } })?.path).toBe('properties');
    expect(findUnstorableInput({ revenue: Infinity })).toEqual({
      path: 'revenue',
      message: 'must be a finite number',
    });
    expect(findUnstorableInput({ a: [1, 'ok', null, true, { b: 'fine' }] })).toBeNull();
  });

  it('refuses hostile nesting without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableInput({ properties: deep })?.message).toMatch(/nested deeper than 32/);
    let fine: unknown = 1;
    for (let i = 0; i < 30; i++) fine = { n: fine };
    expect(findUnstorableInput(fine)).toBeNull();
  });

  it('decodes only valid UTF-8', () => {
    expect(decodeUtf8Strict(Buffer.from('héllo 汉字'))).toBe('héllo 汉字');
    expect(decodeUtf8Strict(Buffer.from([0x7b, 0xff, 0x7d]))).toBeNull();
    expect(decodeUtf8Strict(Buffer.from([0xe0, 0xa4]))).toBeNull();
  });

  it('keeps received text that must not be refused, replacing only what cannot be stored', () => {
    expect(storableText('a\u0000b\uD800c 😀')).toBe('a\uFFFDb\uFFFDc 😀');
    expect(unstorableTextReason(storableText('\uDC00\u0000\uD83D'))).toBeNull();
  });
});
