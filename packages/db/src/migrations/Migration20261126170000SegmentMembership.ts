import { Migration } from '@mikro-orm/migrations';

/** Dynamic segment membership: follow recently changed contacts, and know which segments need a full recompute. */
export class Migration20261126170000SegmentMembership extends Migration {
  override up(): void {
    this.addSql(`alter table "segments" add column "members_refreshed_at" timestamptz null`);
    this.addSql(`create index "contacts_updated_at_index" on "contacts" ("updated_at")`);
  }

  override down(): void {
    this.addSql(`drop index "contacts_updated_at_index"`);
    this.addSql(`alter table "segments" drop column "members_refreshed_at"`);
  }
}
