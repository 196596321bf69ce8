import { Migration } from '@mikro-orm/migrations';

/**
 * Contacts remember the import that created them: a later batch of the same import that meets them again counts the
 * row as a duplicate without the import writing down every contact it created.
 */
export class Migration20261212000000ContactImportOrigin extends Migration {
  override up(): void {
    this.addSql(`alter table "contacts" add column "import_id" uuid null`);
  }

  override down(): void {
    this.addSql(`alter table "contacts" drop column "import_id"`);
  }
}
