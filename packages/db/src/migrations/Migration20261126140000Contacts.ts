import { Migration } from '@mikro-orm/migrations';

/** Contacts with their identities, the events store, attribute definitions and hashed suppressions. */
export class Migration20261126140000Contacts extends Migration {
  override up(): void {
    this.addSql(
      `create table "suppressions" ("id" uuid not null, "workspace_id" uuid not null, "identity_kind" text check ("identity_kind" in ('email', 'phone', 'wechatId', 'externalId')) not null, "value_hash" varchar(64) not null, "reason" text check ("reason" in ('erasure', 'unsubscribe', 'bounce', 'complaint')) not null, "created_at" timestamptz not null, constraint "suppressions_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "suppressions" add constraint "suppressions_workspace_id_identity_kind_value_hash_unique" unique ("workspace_id", "identity_kind", "value_hash")`,
    );
    this.addSql(
      `create table "contacts" ("id" uuid not null, "workspace_id" uuid not null, "email" varchar(254) null, "phone" varchar(20) null, "wechat_id" varchar(200) null, "external_id" varchar(200) null, "first_name" varchar(200) null, "last_name" varchar(200) null, "attributes" jsonb not null default '{}', "attribute_written_at" jsonb not null default '{}', "tags" text[] not null default '{}', "lifecycle_stage" text check ("lifecycle_stage" in ('subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer')) not null default 'subscriber', "owner_id" uuid null, "lead_score" int not null default 0, "timezone" varchar(64) null, "locale" varchar(16) null, "do_not_contact" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "contacts_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "contacts_workspace_id_created_at_index" on "contacts" ("workspace_id", "created_at")`,
    );
    this.addSql(
      `create index "contacts_workspace_id_lifecycle_stage_index" on "contacts" ("workspace_id", "lifecycle_stage")`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_workspace_id_email_unique" unique ("workspace_id", "email")`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_workspace_id_phone_unique" unique ("workspace_id", "phone")`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_workspace_id_wechat_id_unique" unique ("workspace_id", "wechat_id")`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_workspace_id_external_id_unique" unique ("workspace_id", "external_id")`,
    );
    this.addSql(
      `create table "events" ("id" bigserial primary key, "workspace_id" uuid not null, "contact_id" uuid not null, "name" varchar(200) not null, "properties" jsonb not null default '{}', "revenue" numeric(14,2) null, "currency" varchar(3) null, "source" varchar(32) not null, "message_id" varchar(200) null, "occurred_at" timestamptz not null, "received_at" timestamptz not null)`,
    );
    this.addSql(
      `create index "events_contact_id_occurred_at_index" on "events" ("contact_id", "occurred_at")`,
    );
    this.addSql(
      `create index "events_workspace_id_name_occurred_at_contact_id_index" on "events" ("workspace_id", "name", "occurred_at", "contact_id")`,
    );
    this.addSql(
      `alter table "events" add constraint "events_workspace_id_message_id_unique" unique ("workspace_id", "message_id")`,
    );
    this.addSql(
      `create table "attribute_definitions" ("id" uuid not null, "workspace_id" uuid not null, "key" varchar(64) not null, "type" text check ("type" in ('text', 'number', 'boolean', 'date', 'list')) not null, "label" varchar(200) not null, "created_at" timestamptz not null, constraint "attribute_definitions_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "attribute_definitions" add constraint "attribute_definitions_workspace_id_key_unique" unique ("workspace_id", "key")`,
    );
    this.addSql(
      `alter table "suppressions" add constraint "suppressions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "contacts" add constraint "contacts_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "events" add constraint "events_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "events" add constraint "events_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "attribute_definitions" add constraint "attribute_definitions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "events" cascade`);
    this.addSql(`drop table if exists "suppressions" cascade`);
    this.addSql(`drop table if exists "attribute_definitions" cascade`);
    this.addSql(`drop table if exists "contacts" cascade`);
  }
}
