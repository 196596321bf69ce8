import { Migration } from '@mikro-orm/migrations';

/** Remembers when an agent's absence was handled, so the queue takes their conversations back once per absence. */
export class Migration20261208020000InboxOfflineSweep extends Migration {
  override up(): void {
    this.addSql(`alter table "inbox_agents" add column "offline_handled_at" timestamptz null`);
  }

  override down(): void {
    this.addSql(`alter table "inbox_agents" drop column "offline_handled_at"`);
  }
}
