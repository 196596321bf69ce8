import { Migration } from '@mikro-orm/migrations';

/** The contacts an import has written so far, so a person repeated in a later batch counts as a duplicate. */
export class Migration20261127100000ImportContacts extends Migration {
  override up(): void {
    this.addSql(
      `create table "import_contacts" ("import_id" uuid not null, "contact_id" uuid not null, constraint "import_contacts_pkey" primary key ("import_id", "contact_id"))`,
    );
    this.addSql(
      `alter table "import_contacts" add constraint "import_contacts_import_id_foreign" foreign key ("import_id") references "imports" ("id") on update cascade on delete cascade`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "import_contacts" cascade`);
  }
}
