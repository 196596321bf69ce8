import { Migration } from '@mikro-orm/migrations';

/** Current consent per contact, channel and topic, and the history of every change with its proof. */
export class Migration20261126152000Consents extends Migration {
  override up(): void {
    this.addSql(
      `create table "consent_changes" ("id" bigserial primary key, "workspace_id" uuid not null, "contact_id" uuid not null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "topic" varchar(100) not null, "status" text check ("status" in ('opted_in', 'opted_out', 'pending')) not null, "source" varchar(32) not null, "proof" jsonb not null default '{}', "occurred_at" timestamptz not null)`,
    );
    this.addSql(
      `create index "consent_changes_contact_id_occurred_at_index" on "consent_changes" ("contact_id", "occurred_at")`,
    );
    this.addSql(
      `create table "consents" ("contact_id" uuid not null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "topic" varchar(100) not null, "workspace_id" uuid not null, "status" text check ("status" in ('opted_in', 'opted_out', 'pending')) not null, "updated_at" timestamptz not null, constraint "consents_pkey" primary key ("contact_id", "channel", "topic"))`,
    );
    this.addSql(
      `create index "consents_workspace_id_channel_topic_status_index" on "consents" ("workspace_id", "channel", "topic", "status")`,
    );
    this.addSql(
      `alter table "consent_changes" add constraint "consent_changes_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "consent_changes" add constraint "consent_changes_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "consents" add constraint "consents_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "consents" add constraint "consents_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "consent_changes" cascade`);
    this.addSql(`drop table if exists "consents" cascade`);
  }
}
