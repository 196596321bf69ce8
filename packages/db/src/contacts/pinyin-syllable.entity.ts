import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Reference data, written once by its migration: the toneless pinyin of each Chinese character (王 → wang, 吕 → lv),
 * so a contact search typed in Latin letters finds names written in characters. Read by `contact_name_pinyin()`.
 */
export const PinyinSyllable = defineEntity({
  name: 'PinyinSyllable',
  tableName: 'pinyin_syllables',
  properties: {
    ch: p.string().length(4).primary(),
    syllable: p.string().length(8),
  },
});
export type PinyinSyllable = InferEntity<typeof PinyinSyllable>;
