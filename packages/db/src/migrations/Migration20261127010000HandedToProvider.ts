import { Migration } from '@mikro-orm/migrations';

/** Which delivery attempt holds a message's claim, and when it was handed to the provider (see hand-over.ts). */
export class Migration20261127010000HandedToProvider extends Migration {
  override up(): void {
    this.addSql(
      `alter table "messages" add column "claim_id" uuid null, add column "handed_at" timestamptz null`,
    );
  }

  override down(): void {
    this.addSql(`alter table "messages" drop column "claim_id", drop column "handed_at"`);
  }
}
