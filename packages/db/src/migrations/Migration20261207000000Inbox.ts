import { Migration } from '@mikro-orm/migrations';

/**
 * The shared inbox: conversations and their entries, the change feed agents' screens tail, agent availability,
 * assignment settings and canned responses; agent replies are ledger messages of source `conversation`.
 */
export class Migration20261207000000Inbox extends Migration {
  override up(): void {
    this.addSql(
      `create table "inbox_settings" ("workspace_id" uuid not null, "auto_assign" boolean not null default true, "reassign_when_offline" boolean not null default false, constraint "inbox_settings_pkey" primary key ("workspace_id"))`,
    );
    this.addSql(
      `create table "inbox_events" ("id" bigserial primary key, "workspace_id" uuid not null, "conversation_id" uuid null, "kind" varchar(40) not null, "payload" jsonb not null, "created_at" timestamptz not null)`,
    );
    this.addSql(`create index "inbox_events_workspace_id_id_index" on "inbox_events" ("workspace_id", "id")`);
    this.addSql(`create index "inbox_events_created_at_index" on "inbox_events" ("created_at")`);
    this.addSql(
      `create table "inbox_agents" ("workspace_id" uuid not null, "user_id" uuid not null, "available" boolean not null default true, "capacity" int not null default 10, "last_seen_at" timestamptz null, "last_assigned_at" timestamptz null, constraint "inbox_agents_pkey" primary key ("workspace_id", "user_id"))`,
    );
    this.addSql(
      `create table "conversations" ("id" uuid not null, "workspace_id" uuid not null, "contact_id" uuid not null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "thread_key" varchar(300) not null, "status" text check ("status" in ('open', 'pending', 'snoozed', 'resolved')) not null default 'open', "priority" text check ("priority" in ('none', 'low', 'medium', 'high', 'urgent')) not null default 'none', "assignee_id" uuid null, "labels" text[] not null default '{}', "snoozed_until" timestamptz null, "subject" text null, "last_message_at" timestamptz not null, "last_message_preview" varchar(280) null, "waiting_since" timestamptz null, "first_response_at" timestamptz null, "resolved_at" timestamptz null, "unread_count" int not null default 0, "cause_message_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversations_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "conversations_workspace_id_status_last_message_at_index" on "conversations" ("workspace_id", "status", "last_message_at")`,
    );
    this.addSql(
      `create index "conversations_workspace_id_assignee_id_status_index" on "conversations" ("workspace_id", "assignee_id", "status")`,
    );
    this.addSql(`create index "conversations_contact_id_index" on "conversations" ("contact_id")`);
    this.addSql(
      `alter table "conversations" add constraint "conversations_workspace_id_channel_contact_id_thread_key_unique" unique ("workspace_id", "channel", "contact_id", "thread_key")`,
    );
    this.addSql(
      `create table "conversation_entries" ("id" uuid not null, "workspace_id" uuid not null, "conversation_id" uuid not null, "kind" text check ("kind" in ('inbound', 'outbound', 'note', 'activity')) not null, "inbound_message_id" uuid null, "message_id" uuid null, "author_id" uuid null, "body" text null, "detail" jsonb null, "created_at" timestamptz not null, constraint "conversation_entries_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "conversation_entries_conversation_id_created_at_index" on "conversation_entries" ("conversation_id", "created_at")`,
    );
    this.addSql(
      `create table "canned_responses" ("id" uuid not null, "workspace_id" uuid not null, "shortcut" varchar(40) not null, "body" text not null, "created_at" timestamptz not null, constraint "canned_responses_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "canned_responses" add constraint "canned_responses_workspace_id_shortcut_unique" unique ("workspace_id", "shortcut")`,
    );
    this.addSql(
      `alter table "inbox_settings" add constraint "inbox_settings_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbox_events" add constraint "inbox_events_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbox_agents" add constraint "inbox_agents_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbox_agents" add constraint "inbox_agents_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversations" add constraint "conversations_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversations" add constraint "conversations_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversations" add constraint "conversations_assignee_id_foreign" foreign key ("assignee_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "conversations" add constraint "conversations_cause_message_id_foreign" foreign key ("cause_message_id") references "messages" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "conversation_entries" add constraint "conversation_entries_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversation_entries" add constraint "conversation_entries_conversation_id_foreign" foreign key ("conversation_id") references "conversations" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversation_entries" add constraint "conversation_entries_inbound_message_id_foreign" foreign key ("inbound_message_id") references "inbound_messages" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversation_entries" add constraint "conversation_entries_message_id_foreign" foreign key ("message_id") references "messages" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "conversation_entries" add constraint "conversation_entries_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "canned_responses" add constraint "canned_responses_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(`alter table "messages" drop constraint if exists "messages_source_kind_check"`);
    this.addSql(
      `alter table "messages" add constraint "messages_source_kind_check" check("source_kind" in ('api', 'test', 'campaign', 'journey', 'reply', 'system', 'conversation'))`,
    );
    // An agent's reply changes status in many places (claimed, gated, sent, delivered, failed); one trigger tells
    // the inbox about each change, under the same per-workspace lock publishInboxEvent takes.
    this
      .addSql(`create or replace function inbox_message_status_changed() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('inbox:' || new.workspace_id::text, 11));
  insert into inbox_events (workspace_id, conversation_id, kind, payload, created_at)
  values (new.workspace_id, new.source_id::uuid, 'entry.updated',
    jsonb_build_object('delivery', jsonb_build_object('messageId', new.id, 'status', new.status,
      'problem', case when new.status in ('suppressed', 'failed', 'bounced')
        then coalesce(new.error, new.gate_decision -> 'reasons' ->> 0) end)),
    now());
  perform pg_notify('switchboard_inbox', new.workspace_id::text);
  return null;
end $$`);
    this.addSql(
      `create trigger messages_inbox_status after update of status on messages for each row
       when (new.source_kind = 'conversation' and new.status is distinct from old.status)
       execute function inbox_message_status_changed()`,
    );
  }

  override down(): void {
    this.addSql('drop trigger if exists messages_inbox_status on messages');
    this.addSql('drop function if exists inbox_message_status_changed()');
    for (const table of [
      'canned_responses',
      'conversation_entries',
      'conversations',
      'inbox_agents',
      'inbox_events',
      'inbox_settings',
    ])
      this.addSql(`drop table if exists "${table}" cascade`);
    this.addSql(`delete from "messages" where "source_kind" = 'conversation'`);
    this.addSql(`alter table "messages" drop constraint if exists "messages_source_kind_check"`);
    this.addSql(
      `alter table "messages" add constraint "messages_source_kind_check" check("source_kind" in ('api', 'test', 'campaign', 'journey', 'reply', 'system'))`,
    );
  }
}
