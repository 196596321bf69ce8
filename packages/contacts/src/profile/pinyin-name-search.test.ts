import { describe, expect, it } from 'vitest';
import { pinyinNameSearch } from './contact-list.ts';

describe('pinyinNameSearch', () => {
  it('reads Latin letters as pinyin: spaces, case and tone marks left out, ü as v', () => {
    expect(pinyinNameSearch('Wang Fang')).toBe('wangfang');
    expect(pinyinNameSearch('wáng  fāng')).toBe('wangfang');
    expect(pinyinNameSearch('Lü Bo')).toBe('lvbo');
    expect(pinyinNameSearch('lv bo')).toBe('lvbo');
  });

  it('leaves alone what cannot be pinyin: one letter, digits, addresses, characters', () => {
    for (const search of ['w', 'ana@example.org', '+8613', 'O’Brien', '王芳', 'wang2']) {
      expect(pinyinNameSearch(search), search).toBeNull();
    }
  });
});
