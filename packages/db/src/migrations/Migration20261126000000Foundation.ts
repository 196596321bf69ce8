import { Migration } from '@mikro-orm/migrations';

/** Workspaces, users, memberships, sessions, invites, API keys, the audit log and the sandbox chat transcript. */
export class Migration20261126000000Foundation extends Migration {
  override up(): void {
    this.addSql(
      `create table "sandbox_chat_messages" ("id" bigserial primary key, "direction" text check ("direction" in ('inbound', 'outbound')) not null, "peer_id" varchar(200) not null, "peer_name" varchar(200) not null, "text" text not null, "created_at" timestamptz not null)`,
    );
    this.addSql(
      `create index "sandbox_chat_messages_created_at_index" on "sandbox_chat_messages" ("created_at")`,
    );
    this.addSql(
      `create table "sign_in_attempts" ("id" bigserial primary key, "email" varchar(320) not null, "ip" varchar(64) not null, "created_at" timestamptz not null)`,
    );
    this.addSql(
      `create index "sign_in_attempts_email_created_at_index" on "sign_in_attempts" ("email", "created_at")`,
    );
    this.addSql(
      `create index "sign_in_attempts_ip_created_at_index" on "sign_in_attempts" ("ip", "created_at")`,
    );
    this.addSql(
      `create table "users" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" text not null, "locale" varchar(16) not null default 'en', "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"))`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email")`);
    this.addSql(
      `create table "workspaces" ("id" uuid not null, "slug" varchar(63) not null, "name" varchar(200) not null, "postal_address" text null, "default_locale" varchar(16) not null default 'en', "created_at" timestamptz not null, constraint "workspaces_pkey" primary key ("id"))`,
    );
    this.addSql(`alter table "workspaces" add constraint "workspaces_slug_unique" unique ("slug")`);
    this.addSql(
      `create table "sessions" ("id" varchar(64) not null, "user_id" uuid not null, "workspace_id" uuid not null, "csrf_token" varchar(64) not null, "ip" varchar(64) null, "user_agent" varchar(400) null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, constraint "sessions_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id")`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at")`);
    this.addSql(
      `create table "memberships" ("id" uuid not null, "workspace_id" uuid not null, "user_id" uuid not null, "role" text check ("role" in ('owner', 'admin', 'marketer', 'agent', 'analyst')) not null, "created_at" timestamptz not null, constraint "memberships_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "memberships_user_id_index" on "memberships" ("user_id")`);
    this.addSql(
      `alter table "memberships" add constraint "memberships_workspace_id_user_id_unique" unique ("workspace_id", "user_id")`,
    );
    this.addSql(
      `create table "invites" ("id" uuid not null, "workspace_id" uuid not null, "email" varchar(320) not null, "role" text check ("role" in ('owner', 'admin', 'marketer', 'agent', 'analyst')) not null, "token_hash" varchar(64) not null, "invited_by_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "revoked_at" timestamptz null, constraint "invites_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "invites_workspace_id_index" on "invites" ("workspace_id")`);
    this.addSql(`alter table "invites" add constraint "invites_token_hash_unique" unique ("token_hash")`);
    this.addSql(
      `create table "audit_log" ("id" uuid not null, "workspace_id" uuid not null, "actor_type" text check ("actor_type" in ('user', 'api_key', 'cli')) not null, "actor_id" varchar(64) null, "actor_label" varchar(320) not null, "action" varchar(100) not null, "target_type" varchar(50) null, "target_id" varchar(64) null, "details" jsonb not null default '{}', "ip" varchar(64) null, "created_at" timestamptz not null, constraint "audit_log_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "audit_log_workspace_id_created_at_index" on "audit_log" ("workspace_id", "created_at")`,
    );
    this.addSql(
      `create table "api_keys" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "prefix" varchar(32) not null, "key_hash" varchar(64) not null, "scopes" text[] not null, "created_by_id" uuid null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "api_keys_workspace_id_index" on "api_keys" ("workspace_id")`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash")`);
    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "sessions" add constraint "sessions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "memberships" add constraint "memberships_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "memberships" add constraint "memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "invites" add constraint "invites_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "invites" add constraint "invites_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "audit_log" add constraint "audit_log_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "api_keys" cascade`);
    this.addSql(`drop table if exists "audit_log" cascade`);
    this.addSql(`drop table if exists "invites" cascade`);
    this.addSql(`drop table if exists "memberships" cascade`);
    this.addSql(`drop table if exists "sessions" cascade`);
    this.addSql(`drop table if exists "sign_in_attempts" cascade`);
    this.addSql(`drop table if exists "sandbox_chat_messages" cascade`);
    this.addSql(`drop table if exists "users" cascade`);
    this.addSql(`drop table if exists "workspaces" cascade`);
  }
}
