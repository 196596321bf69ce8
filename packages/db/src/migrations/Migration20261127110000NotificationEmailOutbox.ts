import { Migration } from '@mikro-orm/migrations';

/**
 * Notification emails (a contact handed to its owner) become an outbox: the notification is written owing its email
 * in the same transaction as the hand-off, and is marked sent after the send, so a crash in between delays the
 * email instead of losing it.
 */
export class Migration20261127110000NotificationEmailOutbox extends Migration {
  override up(): void {
    this.addSql(
      `alter table "notifications" add column "email_status" varchar(16) null, add column "email_attempts" int not null default 0`,
    );
    this.addSql(
      `create index "notifications_email_pending_index" on "notifications" ("id") where "email_status" = 'pending'`,
    );
  }

  override down(): void {
    this.addSql(`drop index "notifications_email_pending_index"`);
    this.addSql(`alter table "notifications" drop column "email_status", drop column "email_attempts"`);
  }
}
