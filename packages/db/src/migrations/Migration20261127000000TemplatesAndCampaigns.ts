import { Migration } from '@mikro-orm/migrations';

/** Templates with immutable published versions, saved blocks, campaigns and their audience snapshots. */
export class Migration20261127000000TemplatesAndCampaigns extends Migration {
  override up(): void {
    this.addSql(
      `create table "templates" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "format" text check ("format" in ('blocks', 'mjml', 'html', 'text')) not null, "draft" jsonb not null, "latest_version" int not null default 0, "archived" boolean not null default false, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "templates_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "templates_workspace_id_updated_at_index" on "templates" ("workspace_id", "updated_at")`,
    );
    this.addSql(
      `create table "template_versions" ("id" uuid not null, "workspace_id" uuid not null, "template_id" uuid not null, "version" int not null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "content" jsonb not null, "source" jsonb not null, "warnings" jsonb not null, "published_by_id" uuid null, "published_at" timestamptz not null, constraint "template_versions_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "template_versions" add constraint "template_versions_template_id_version_unique" unique ("template_id", "version")`,
    );
    this.addSql(
      `create table "saved_blocks" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "block" jsonb not null, "created_at" timestamptz not null, constraint "saved_blocks_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "saved_blocks" add constraint "saved_blocks_workspace_id_name_unique" unique ("workspace_id", "name")`,
    );
    this.addSql(
      `create table "campaigns" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "status" text check ("status" in ('draft', 'scheduled', 'sending', 'testing', 'paused', 'sent', 'cancelled', 'failed')) not null default 'draft', "segment_id" uuid null, "topic" varchar(100) not null default '', "variants" jsonb not null, "schedule" jsonb not null, "ab_test" jsonb null, "recurrence" varchar(100) null, "parent_id" uuid null, "winner" varchar(8) null, "decision" jsonb null, "audience_size" int null, "error" text null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "scheduled_at" timestamptz null, "started_at" timestamptz null, "finished_at" timestamptz null, constraint "campaigns_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "campaigns_workspace_id_created_at_index" on "campaigns" ("workspace_id", "created_at")`,
    );
    this.addSql(
      `create index "campaigns_status_scheduled_at_index" on "campaigns" ("status", "scheduled_at")`,
    );
    this.addSql(
      `create table "campaign_recipients" ("campaign_id" uuid not null, "ordinal" int not null, "contact_id" uuid not null, "variant" varchar(8) null, "send_at" timestamptz null, "send_at_reason" varchar(40) null, constraint "campaign_recipients_pkey" primary key ("campaign_id", "ordinal"))`,
    );
    this.addSql(
      `alter table "campaign_recipients" add constraint "campaign_recipients_campaign_id_contact_id_unique" unique ("campaign_id", "contact_id")`,
    );
    this.addSql(
      `alter table "templates" add constraint "templates_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "templates" add constraint "templates_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "template_versions" add constraint "template_versions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "template_versions" add constraint "template_versions_template_id_foreign" foreign key ("template_id") references "templates" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "template_versions" add constraint "template_versions_published_by_id_foreign" foreign key ("published_by_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "saved_blocks" add constraint "saved_blocks_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_segment_id_foreign" foreign key ("segment_id") references "segments" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "campaigns" add constraint "campaigns_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "campaign_recipients" add constraint "campaign_recipients_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "campaign_recipients" add constraint "campaign_recipients_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "campaign_recipients" cascade`);
    this.addSql(`drop table if exists "campaigns" cascade`);
    this.addSql(`drop table if exists "saved_blocks" cascade`);
    this.addSql(`drop table if exists "template_versions" cascade`);
    this.addSql(`drop table if exists "templates" cascade`);
  }
}
