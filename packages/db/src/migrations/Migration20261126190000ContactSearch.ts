import { Migration } from '@mikro-orm/migrations';

// The expression as it was then (a later migration widens it); a migration must not follow the entity's constant.
export const CONTACT_SEARCH_TEXT_V1 =
  "lower(coalesce(email, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(wechat_id, '') || ' ' || coalesce(external_id, ''))";

/** Trigram index for the contact list's substring search (pg_trgm ships with PostgreSQL's standard contrib). */
export class Migration20261126190000ContactSearch extends Migration {
  override up(): void {
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(
      `create index "contacts_search_trgm_index" on "contacts" using gin ((${CONTACT_SEARCH_TEXT_V1}) gin_trgm_ops)`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "contacts_search_trgm_index"`);
  }
}
