import { Migration } from '@mikro-orm/migrations';
import { CONTACT_SEARCH_TEXT_V1 } from './Migration20261126190000ContactSearch.ts';

// Frozen copy of CONTACT_SEARCH_TEXT as this migration creates it.
const CONTACT_SEARCH_TEXT_V2 =
  "lower(coalesce(email, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '') || coalesce(first_name, '') || ' ' || coalesce(first_name, '') || coalesce(last_name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(wechat_id, '') || ' ' || coalesce(external_id, ''))";

/** The contact search also matches full names in either order, with or without a space (王芳, 芳 王, Smith Ann). */
export class Migration20261210000000ContactNameSearch extends Migration {
  override up(): void {
    this.addSql(`drop index if exists "contacts_search_trgm_index"`);
    this.addSql(
      `create index "contacts_search_trgm_index" on "contacts" using gin ((${CONTACT_SEARCH_TEXT_V2}) gin_trgm_ops)`,
    );
    // CJK names are too short for trigrams: searches in those scripts match a prefix of the name in either order.
    this.addSql(
      `create index "contacts_family_given_index" on "contacts" ("workspace_id", (lower(coalesce(last_name, '') || coalesce(first_name, ''))) text_pattern_ops)`,
    );
    this.addSql(
      `create index "contacts_given_family_index" on "contacts" ("workspace_id", (lower(coalesce(first_name, '') || coalesce(last_name, ''))) text_pattern_ops)`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "contacts_given_family_index"`);
    this.addSql(`drop index if exists "contacts_family_given_index"`);
    this.addSql(`drop index if exists "contacts_search_trgm_index"`);
    this.addSql(
      `create index "contacts_search_trgm_index" on "contacts" using gin ((${CONTACT_SEARCH_TEXT_V1}) gin_trgm_ops)`,
    );
  }
}
