import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('Simplified Chinese has every English key and no extra ones', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });
  it('keeps the same placeholders in every message', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
  });
  it('translates every message (no English left in the Chinese dictionary)', () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter(
      // Symbols (=, ≥) and bare placeholders read the same in every language.
      (k) => k !== 'app.name' && /\p{L}/u.test(en[k].replace(/\{\w+\}/g, '')) && zhCN[k] === en[k],
    );
    expect(untranslated).toEqual([]);
  });
});
