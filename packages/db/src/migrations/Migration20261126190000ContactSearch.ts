import { Migration } from '@mikro-orm/migrations';
import { CONTACT_SEARCH_TEXT } from '../contacts/contact.entity.ts';

/** Trigram index for the contact list's substring search (pg_trgm ships with PostgreSQL's standard contrib). */
export class Migration20261126190000ContactSearch extends Migration {
  override up(): void {
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(
      `create index "contacts_search_trgm_index" on "contacts" using gin ((${CONTACT_SEARCH_TEXT}) gin_trgm_ops)`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "contacts_search_trgm_index"`);
  }
}
