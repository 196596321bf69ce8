import { Migration } from '@mikro-orm/migrations';

/**
 * Journeys: the draft each journey is edited as, its immutable published versions, the instances contacts run
 * through (at most one active per journey, contact and trigger key), what happened at each step, and the events
 * waiting instances care about (so ingestion signals only them). Journey sends name their version and step.
 */
export class Migration20261205100000Journeys extends Migration {
  override up(): void {
    for (const statement of [
      `create table "journeys" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "status" text check ("status" in ('draft', 'live', 'paused', 'archived')) not null default 'draft', "draft" jsonb not null, "live_version" int null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "journeys_pkey" primary key ("id"))`,
      `create index "journeys_workspace_id_updated_at_index" on "journeys" ("workspace_id", "updated_at")`,
      `create table "journey_versions" ("id" uuid not null, "journey_id" uuid not null, "version" int not null, "graph" jsonb not null, "template_versions" jsonb not null, "published_by_id" uuid null, "published_at" timestamptz not null, constraint "journey_versions_pkey" primary key ("id"))`,
      `alter table "journey_versions" add constraint "journey_versions_journey_id_version_unique" unique ("journey_id", "version")`,
      `create table "journey_instances" ("id" uuid not null, "workspace_id" uuid not null, "journey_id" uuid not null, "version_id" uuid not null, "contact_id" uuid not null, "key" varchar(200) not null default '', "status" text check ("status" in ('active', 'completed', 'converted', 'exited', 'failed')) not null default 'active', "current_node" varchar(40) null, "end_reason" varchar(200) null, "workflow_id" varchar(200) not null, "entered_at" timestamptz not null, "finished_at" timestamptz null, constraint "journey_instances_pkey" primary key ("id"))`,
      `create index "journey_instances_journey_id_status_index" on "journey_instances" ("journey_id", "status")`,
      `create index "journey_instances_contact_id_entered_at_index" on "journey_instances" ("contact_id", "entered_at")`,
      `create unique index "journey_instances_active_unique" on "journey_instances" ("journey_id", "contact_id", "key") where "status" = 'active'`,
      `create table "journey_waits" ("instance_id" uuid not null, "event_name" varchar(200) not null, "workspace_id" uuid not null, "contact_id" uuid not null, "workflow_id" varchar(200) not null, constraint "journey_waits_pkey" primary key ("instance_id", "event_name"))`,
      `create index "journey_waits_workspace_id_contact_id_event_name_index" on "journey_waits" ("workspace_id", "contact_id", "event_name")`,
      `create table "journey_step_events" ("id" bigserial primary key, "journey_id" uuid not null, "instance_id" uuid not null, "node_id" varchar(40) not null, "outcome" varchar(40) not null, "detail" jsonb null, "at" timestamptz not null)`,
      `create index "journey_step_events_journey_id_node_id_at_index" on "journey_step_events" ("journey_id", "node_id", "at")`,
      `create index "journey_step_events_instance_id_at_index" on "journey_step_events" ("instance_id", "at")`,
      `alter table "journeys" add constraint "journeys_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
      `alter table "journeys" add constraint "journeys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null`,
      `alter table "journey_versions" add constraint "journey_versions_journey_id_foreign" foreign key ("journey_id") references "journeys" ("id") on update cascade on delete cascade`,
      `alter table "journey_versions" add constraint "journey_versions_published_by_id_foreign" foreign key ("published_by_id") references "users" ("id") on update cascade on delete set null`,
      `alter table "journey_instances" add constraint "journey_instances_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
      `alter table "journey_instances" add constraint "journey_instances_journey_id_foreign" foreign key ("journey_id") references "journeys" ("id") on update cascade on delete cascade`,
      `alter table "journey_instances" add constraint "journey_instances_version_id_foreign" foreign key ("version_id") references "journey_versions" ("id") on update cascade on delete cascade`,
      `alter table "journey_instances" add constraint "journey_instances_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
      `alter table "journey_waits" add constraint "journey_waits_instance_id_foreign" foreign key ("instance_id") references "journey_instances" ("id") on update cascade on delete cascade`,
      `alter table "journey_waits" add constraint "journey_waits_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
      `alter table "journey_waits" add constraint "journey_waits_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
      `alter table "journey_step_events" add constraint "journey_step_events_journey_id_foreign" foreign key ("journey_id") references "journeys" ("id") on update cascade on delete cascade`,
      `alter table "journey_step_events" add constraint "journey_step_events_instance_id_foreign" foreign key ("instance_id") references "journey_instances" ("id") on update cascade on delete cascade`,
      `alter table "messages" add column "journey_version_id" uuid null, add column "journey_node" varchar(40) null`,
      `alter table "messages" add constraint "messages_journey_version_id_foreign" foreign key ("journey_version_id") references "journey_versions" ("id") on update cascade on delete set null`,
    ])
      this.addSql(statement);
  }

  override down(): void {
    for (const statement of [
      `alter table "messages" drop constraint "messages_journey_version_id_foreign"`,
      `alter table "messages" drop column "journey_version_id", drop column "journey_node"`,
      `drop table if exists "journey_step_events" cascade`,
      `drop table if exists "journey_waits" cascade`,
      `drop table if exists "journey_instances" cascade`,
      `drop table if exists "journey_versions" cascade`,
      `drop table if exists "journeys" cascade`,
    ])
      this.addSql(statement);
  }
}
