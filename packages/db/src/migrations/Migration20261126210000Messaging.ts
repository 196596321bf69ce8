import { Migration } from '@mikro-orm/migrations';

/** The send ledger and its events, sending domains, inbound messages, messaging policies and daily send counters. */
export class Migration20261126210000Messaging extends Migration {
  override up(): void {
    this.addSql(
      `create table "send_counters" ("scope" varchar(300) not null, "day" date not null, "count" int not null default 0, constraint "send_counters_pkey" primary key ("scope", "day"))`,
    );
    this.addSql(
      `create table "sending_domains" ("id" uuid not null, "workspace_id" uuid not null, "domain" varchar(253) not null, "dkim_selector" varchar(63) not null, "dkim_private_key" text not null, "dkim_public_key" text not null, "checks" jsonb not null default '{}', "verified_at" timestamptz null, "checked_at" timestamptz null, "warmup_started_at" timestamptz null, "created_at" timestamptz not null, constraint "sending_domains_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "sending_domains" add constraint "sending_domains_workspace_id_domain_unique" unique ("workspace_id", "domain")`,
    );
    this.addSql(
      `create table "messaging_policies" ("workspace_id" uuid not null, "frequency_cap_count" int not null default 3, "frequency_cap_days" int not null default 7, "quiet_hours_start" varchar(5) not null default '21:00', "quiet_hours_end" varchar(5) not null default '08:00', "default_timezone" varchar(64) not null default 'UTC', "opt_in_channels" jsonb not null default '["sms"]', "soft_bounce_threshold" int not null default 3, "sms_help_text" text null, "sms_price_per_segment" numeric(10,5) not null default 0.0079, "sms_currency" varchar(3) not null default 'USD', "updated_at" timestamptz not null, constraint "messaging_policies_pkey" primary key ("workspace_id"))`,
    );
    this.addSql(
      `create table "messages" ("id" uuid not null, "workspace_id" uuid not null, "contact_id" uuid null, "idempotency_key" varchar(300) not null, "source_kind" text check ("source_kind" in ('api', 'test', 'campaign', 'journey', 'reply', 'system')) not null, "source_id" varchar(100) null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "purpose" text check ("purpose" in ('marketing', 'transactional')) not null, "topic" varchar(100) not null default '', "to_address" varchar(254) null, "from_address" varchar(254) null, "sending_domain_id" uuid null, "content" jsonb not null, "subject" text null, "body_hash" varchar(64) null, "status" text check ("status" in ('queued', 'deferred', 'sending', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'unsubscribed', 'complained', 'bounced', 'failed', 'suppressed')) not null default 'queued', "gate_decision" jsonb null, "deferred_until" timestamptz null, "attempts" int not null default 0, "provider" varchar(32) null, "provider_message_id" varchar(250) null, "segments" int null, "cost" numeric(12,5) null, "cost_currency" varchar(3) null, "error" text null, "error_code" varchar(32) null, "created_at" timestamptz not null, "claimed_at" timestamptz null, "sent_at" timestamptz null, "delivered_at" timestamptz null, "updated_at" timestamptz not null, constraint "messages_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "messages_contact_id_created_at_index" on "messages" ("contact_id", "created_at")`,
    );
    this.addSql(`create index "messages_provider_message_id_index" on "messages" ("provider_message_id")`);
    this.addSql(
      `create index "messages_workspace_id_source_kind_source_id_index" on "messages" ("workspace_id", "source_kind", "source_id")`,
    );
    this.addSql(
      `create index "messages_status_deferred_until_index" on "messages" ("status", "deferred_until")`,
    );
    this.addSql(
      `alter table "messages" add constraint "messages_workspace_id_idempotency_key_unique" unique ("workspace_id", "idempotency_key")`,
    );
    this.addSql(
      `create table "message_events" ("id" bigserial primary key, "workspace_id" uuid not null, "message_id" uuid not null, "kind" text check ("kind" in ('queued', 'deferred', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'unsubscribed', 'complained', 'bounced', 'failed', 'suppressed')) not null, "machine" boolean not null default false, "url" text null, "detail" jsonb not null default '{}', "occurred_at" timestamptz not null)`,
    );
    this.addSql(
      `create index "message_events_message_id_occurred_at_index" on "message_events" ("message_id", "occurred_at")`,
    );
    this.addSql(
      `create table "inbound_messages" ("id" uuid not null, "workspace_id" uuid not null, "contact_id" uuid null, "channel" text check ("channel" in ('email', 'sms', 'wechat')) not null, "from_address" varchar(254) not null, "to_address" varchar(254) null, "subject" text null, "body" text not null, "provider_message_id" varchar(250) not null, "in_reply_to_id" uuid null, "keyword" varchar(16) null, "received_at" timestamptz not null, constraint "inbound_messages_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "inbound_messages_contact_id_received_at_index" on "inbound_messages" ("contact_id", "received_at")`,
    );
    this.addSql(
      `create index "inbound_messages_workspace_id_received_at_index" on "inbound_messages" ("workspace_id", "received_at")`,
    );
    this.addSql(
      `alter table "inbound_messages" add constraint "inbound_messages_workspace_id_channel_provider_me_45356_unique" unique ("workspace_id", "channel", "provider_message_id")`,
    );
    this.addSql(
      `alter table "sending_domains" add constraint "sending_domains_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "messaging_policies" add constraint "messaging_policies_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "messages" add constraint "messages_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "messages" add constraint "messages_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "messages" add constraint "messages_sending_domain_id_foreign" foreign key ("sending_domain_id") references "sending_domains" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "message_events" add constraint "message_events_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "message_events" add constraint "message_events_message_id_foreign" foreign key ("message_id") references "messages" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbound_messages" add constraint "inbound_messages_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbound_messages" add constraint "inbound_messages_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbound_messages" add constraint "inbound_messages_in_reply_to_id_foreign" foreign key ("in_reply_to_id") references "messages" ("id") on update cascade on delete set null`,
    );
  }

  override down(): void {
    for (const table of [
      'inbound_messages',
      'message_events',
      'messages',
      'messaging_policies',
      'sending_domains',
      'send_counters',
    ])
      this.addSql(`drop table if exists "${table}" cascade`);
  }
}
