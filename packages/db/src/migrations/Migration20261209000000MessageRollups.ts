import { Migration } from '@mikro-orm/migrations';

// Which message columns a report reads: a change elsewhere (claims, attempts) leaves the rollups alone.
const REPORTED = 'status, sent_at, delivered_at, channel, source_kind, source_id, journey_node, workspace_id';
const HOUR = (column: string) => `date_trunc('hour', ${column}, 'UTC')`;

/**
 * Hourly rollups of the ledger for reports (and fixed costs per campaign and journey for ROI). Triggers append the hours a write touched to `message_rollup_stale` in
 * the writer's transaction (statement-level, one row per hour and statement, never an update writers could queue
 * on); the refresh rebuilds those hours from the ledger. Every existing hour starts stale, so the first refresh
 * builds the rollups of the history.
 */
export class Migration20261209000000MessageRollups extends Migration {
  override up(): void {
    this.addSql(`alter table "campaigns" add column "fixed_cost" numeric(12,2) null`);
    this.addSql(`alter table "journeys" add column "fixed_cost" numeric(12,2) null`);
    this.addSql(
      `create index "messages_workspace_id_sent_at_index" on "messages" ("workspace_id", "sent_at")`,
    );
    this.addSql(
      `create table "message_rollups" ("workspace_id" uuid not null, "hour" timestamptz not null, "channel" varchar(10) not null, "source_kind" varchar(20) not null, "source_id" varchar(100) not null, "journey_node" varchar(40) not null, "sent" int not null, "delivered" int not null, "bounced" int not null, "human_opened" int not null, "machine_opened" int not null, "clicked" int not null, "clicks" int not null, "replied" int not null, "unsubscribed" int not null, "complained" int not null, "recorded_cost" numeric(14,5) not null, "unpriced_segments" int not null, constraint "message_rollups_pkey" primary key ("workspace_id", "hour", "channel", "source_kind", "source_id", "journey_node"))`,
    );
    this.addSql(
      `alter table "message_rollups" add constraint "message_rollups_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `create table "message_rollup_stale" ("id" bigserial primary key, "workspace_id" uuid not null, "hour" timestamptz not null)`,
    );
    this.addSql(
      `create index "message_rollup_stale_workspace_id_index" on "message_rollup_stale" ("workspace_id")`,
    );
    this.addSql(
      `alter table "message_rollup_stale" add constraint "message_rollup_stale_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );

    this.addSql(`create function message_rollups_stale_on_insert() returns trigger language plpgsql as $$
      begin
        insert into message_rollup_stale (workspace_id, hour)
        select distinct workspace_id, ${HOUR('sent_at')} from new_rows where sent_at is not null;
        return null;
      end $$`);
    this.addSql(`create function message_rollups_stale_on_update() returns trigger language plpgsql as $$
      begin
        insert into message_rollup_stale (workspace_id, hour)
        select distinct x.workspace_id, x.hour
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (values (o.workspace_id, ${HOUR('o.sent_at')}), (n.workspace_id, ${HOUR('n.sent_at')}))
          as x (workspace_id, hour)
        where x.hour is not null
          and (${REPORTED.split(', ')
            .map((c) => `o.${c}`)
            .join(', ')}) is distinct from (${REPORTED.split(', ')
            .map((c) => `n.${c}`)
            .join(', ')});
        return null;
      end $$`);
    this.addSql(`create function message_rollups_stale_on_delete() returns trigger language plpgsql as $$
      begin
        insert into message_rollup_stale (workspace_id, hour)
        select distinct workspace_id, ${HOUR('sent_at')} from old_rows where sent_at is not null;
        return null;
      end $$`);
    // Engagement counts on the hour its message was sent in.
    this.addSql(`create function message_rollups_stale_on_engagement() returns trigger language plpgsql as $$
      begin
        insert into message_rollup_stale (workspace_id, hour)
        select distinct m.workspace_id, ${HOUR('m.sent_at')}
        from changed_rows e join messages m on m.id = e.message_id
        where m.sent_at is not null and e.kind in ('opened', 'clicked', 'replied', 'unsubscribed', 'complained');
        return null;
      end $$`);
    this.addSql(`create trigger messages_rollup_insert after insert on messages
      referencing new table as new_rows for each statement execute function message_rollups_stale_on_insert()`);
    this.addSql(`create trigger messages_rollup_update after update on messages
      referencing old table as old_rows new table as new_rows
      for each statement execute function message_rollups_stale_on_update()`);
    this.addSql(`create trigger messages_rollup_delete after delete on messages
      referencing old table as old_rows for each statement execute function message_rollups_stale_on_delete()`);
    this.addSql(`create trigger message_events_rollup_insert after insert on message_events
      referencing new table as changed_rows
      for each statement execute function message_rollups_stale_on_engagement()`);
    this.addSql(`create trigger message_events_rollup_delete after delete on message_events
      referencing old table as changed_rows
      for each statement execute function message_rollups_stale_on_engagement()`);

    this.addSql(
      `insert into message_rollup_stale (workspace_id, hour)
       select distinct workspace_id, ${HOUR('sent_at')} from messages where sent_at is not null`,
    );
  }

  override down(): void {
    this.addSql(`drop trigger message_events_rollup_delete on message_events`);
    this.addSql(`drop trigger message_events_rollup_insert on message_events`);
    this.addSql(`drop trigger messages_rollup_delete on messages`);
    this.addSql(`drop trigger messages_rollup_update on messages`);
    this.addSql(`drop trigger messages_rollup_insert on messages`);
    for (const fn of ['engagement', 'delete', 'update', 'insert'])
      this.addSql(`drop function message_rollups_stale_on_${fn}()`);
    this.addSql(`drop table if exists "message_rollup_stale" cascade`);
    this.addSql(`drop table if exists "message_rollups" cascade`);
    this.addSql(`drop index "messages_workspace_id_sent_at_index"`);
    this.addSql(`alter table "journeys" drop column "fixed_cost"`);
    this.addSql(`alter table "campaigns" drop column "fixed_cost"`);
  }
}
