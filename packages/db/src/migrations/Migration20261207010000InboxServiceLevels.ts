import { Migration } from '@mikro-orm/migrations';

/** Service-level targets with business hours, the deadlines durable timers watch, and satisfaction ratings. */
export class Migration20261207010000InboxServiceLevels extends Migration {
  override up(): void {
    this.addSql(
      `alter table "inbox_settings" add column "sla_first_response_minutes" int null, add column "sla_next_response_minutes" int null, add column "sla_resolution_minutes" int null, add column "business_hours" jsonb null, add column "csat_enabled" boolean not null default true`,
    );
    this.addSql(
      `alter table "conversations" add column "opened_at" timestamptz null, add column "sla_due_at" timestamptz null, add column "sla_kind" varchar(20) null, add column "sla_warned_at" timestamptz null, add column "sla_breached_at" timestamptz null, add column "sla_breaches" int not null default 0, add column "sla_scheduled_for" timestamptz null, add column "csat_requested_at" timestamptz null, add column "csat_score" int null, add column "csat_answered_at" timestamptz null`,
    );
    this.addSql(`update "conversations" set "opened_at" = "created_at"`);
    this.addSql(`alter table "conversations" alter column "opened_at" set not null`);
    this.addSql(
      `create index "conversations_sla_unscheduled_index" on "conversations" ("sla_due_at") where "sla_due_at" is not null and "sla_scheduled_for" is distinct from "sla_due_at"`,
    );
  }

  override down(): void {
    this.addSql(`drop index if exists "conversations_sla_unscheduled_index"`);
    this.addSql(
      `alter table "conversations" drop column "opened_at", drop column "sla_due_at", drop column "sla_kind", drop column "sla_warned_at", drop column "sla_breached_at", drop column "sla_breaches", drop column "sla_scheduled_for", drop column "csat_requested_at", drop column "csat_score", drop column "csat_answered_at"`,
    );
    this.addSql(
      `alter table "inbox_settings" drop column "sla_first_response_minutes", drop column "sla_next_response_minutes", drop column "sla_resolution_minutes", drop column "business_hours", drop column "csat_enabled"`,
    );
  }
}
