import { Migration } from '@mikro-orm/migrations';
import { pinyin } from 'pinyin-pro';

// Frozen copies of the expressions as this migration creates them (see contact.entity.ts).
const IS_CHINESE = "(coalesce(last_name, '') || coalesce(first_name, '')) ~ '[一-鿿]'";
const FAMILY_GIVEN = "contact_name_pinyin(coalesce(last_name, '') || coalesce(first_name, ''))";
const GIVEN_FAMILY = "contact_name_pinyin(coalesce(first_name, '') || coalesce(last_name, ''))";

/** Each CJK unified ideograph (U+4E00–U+9FFF) with its most common toneless reading, ü written v (吕 → lv). */
function syllables(): [string, string][] {
  const rows: [string, string][] = [];
  for (let code = 0x4e00; code <= 0x9fff; code++) {
    const ch = String.fromCodePoint(code);
    const syllable = pinyin(ch, { toneType: 'none', v: true });
    if (/^[a-z]{1,8}$/.test(syllable)) rows.push([ch, syllable]);
  }
  return rows;
}

/**
 * Contacts whose names are written in Chinese characters are also found by their pinyin: "wangfang", "wang fang" and
 * "fangwang" find 王芳. The readings are reference data in `pinyin_syllables`; `contact_name_pinyin()` spells a name
 * with them (declared immutable: the table is written here and never changed, so the indexes stay true).
 */
export class Migration20261214000000ContactPinyinSearch extends Migration {
  override up(): void {
    this.addSql(
      `create table "pinyin_syllables" ("ch" varchar(4) not null, "syllable" varchar(8) not null, constraint "pinyin_syllables_pkey" primary key ("ch"))`,
    );
    const rows = syllables();
    for (let i = 0; i < rows.length; i += 2000)
      this.addSql(
        `insert into "pinyin_syllables" ("ch", "syllable") values ${rows
          .slice(i, i + 2000)
          .map(([ch, syllable]) => `('${ch}', '${syllable}')`)
          .join(', ')}`,
      );
    this.addSql(`create function contact_name_pinyin(name text) returns text
      language sql immutable strict parallel safe
      set search_path from current
      as $$
        select string_agg(coalesce(p.syllable, lower(c.ch)), '' order by c.i)
        from unnest(string_to_array(regexp_replace(name, '\\s+', '', 'g'), null)) with ordinality as c (ch, i)
        left join pinyin_syllables p on p.ch = c.ch
      $$`);
    this.addSql(
      `create index "contacts_family_given_pinyin_index" on "contacts" ("workspace_id", (${FAMILY_GIVEN}) text_pattern_ops) where ${IS_CHINESE}`,
    );
    this.addSql(
      `create index "contacts_given_family_pinyin_index" on "contacts" ("workspace_id", (${GIVEN_FAMILY}) text_pattern_ops) where ${IS_CHINESE}`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "contacts_given_family_pinyin_index"`);
    this.addSql(`drop index if exists "contacts_family_given_pinyin_index"`);
    this.addSql(`drop function if exists contact_name_pinyin(text)`);
    this.addSql(`drop table if exists "pinyin_syllables"`);
  }
}
