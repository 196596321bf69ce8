import { Migration } from '@mikro-orm/migrations';

/**
 * The journey engine: each instance remembers what enrolled it (so a duplicated trigger enrols once) and what its
 * templates may show of it, and when its workflow took it up (so enrolments whose workflow never started are
 * found). The dispatcher keeps its place in the event stream, and every insert into events wakes it.
 */
export class Migration20261206000000JourneyEngine extends Migration {
  override up(): void {
    for (const statement of [
      `alter table "journey_instances" add column "trigger_ref" varchar(300) null, add column "trigger_data" jsonb not null default '{}', add column "started_at" timestamptz null`,
      `update "journey_instances" set "trigger_ref" = 'before-engine:' || "id", "started_at" = "entered_at"`,
      `alter table "journey_instances" alter column "trigger_ref" set not null`,
      `alter table "journey_instances" add constraint "journey_instances_journey_id_trigger_ref_unique" unique ("journey_id", "trigger_ref")`,
      `create index "journey_instances_not_started_index" on "journey_instances" ("entered_at") where "started_at" is null`,
      `create table "journey_dispatch_cursors" ("name" varchar(40) not null, "event_id" bigint not null, "updated_at" timestamptz not null, constraint "journey_dispatch_cursors_pkey" primary key ("name"))`,
      // Once per statement and deduplicated per transaction by PostgreSQL: a bulk insert wakes the dispatcher once.
      `create or replace function "notify_events_inserted"() returns trigger language plpgsql as $$ begin perform pg_notify('switchboard_events', ''); return null; end $$`,
      `create trigger "events_notify_inserted" after insert on "events" for each statement execute function "notify_events_inserted"()`,
    ])
      this.addSql(statement);
  }

  override down(): void {
    for (const statement of [
      `drop trigger if exists "events_notify_inserted" on "events"`,
      `drop function if exists "notify_events_inserted"()`,
      `drop table if exists "journey_dispatch_cursors" cascade`,
      `drop index if exists "journey_instances_not_started_index"`,
      `alter table "journey_instances" drop constraint "journey_instances_journey_id_trigger_ref_unique"`,
      `alter table "journey_instances" drop column "trigger_ref", drop column "trigger_data", drop column "started_at"`,
    ])
      this.addSql(statement);
  }
}
