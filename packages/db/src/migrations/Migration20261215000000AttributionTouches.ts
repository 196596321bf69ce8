import { Migration } from '@mikro-orm/migrations';

const HOUR = (column: string) => `date_trunc('hour', ${column}, 'UTC')`;

/**
 * Touches kept per contact with their previous touch, so attribution reads a period's transitions in one grouped
 * scan (see `AttributionTouch`). They are rebuilt by the rollup refresh for the contacts of the stale hours, so a
 * message moving to another contact (a merge) must mark its hour stale too: the rollup triggers watch only the
 * columns reports count.
 */
export class Migration20261215000000AttributionTouches extends Migration {
  override up(): void {
    this.addSql(
      `create table "attribution_touches" ("id" bigserial primary key, "workspace_id" uuid not null, "mask" smallint not null, "contact_id" uuid not null, "at" timestamptz not null, "day" date not null, "key_id" int not null, "prev_day" date null, "prev_key" int null)`,
    );
    this.addSql(
      `create index "attribution_touches_workspace_id_mask_day_index" on "attribution_touches" ("workspace_id", "mask", "day")`,
    );
    this.addSql(
      `create index "attribution_touches_contact_id_mask_at_index" on "attribution_touches" ("contact_id", "mask", "at")`,
    );
    this.addSql(
      `create table "attribution_keys" ("id" serial primary key, "workspace_id" uuid not null, "channel" varchar(10) not null, "source_kind" varchar(20) not null, "source_id" varchar(100) not null, "journey_node" varchar(40) not null)`,
    );
    this.addSql(
      `alter table "attribution_keys" add constraint "attribution_keys_workspace_id_channel_source_kind_c4d56_unique" unique ("workspace_id", "channel", "source_kind", "source_id", "journey_node")`,
    );
    this.addSql(
      `create table "attribution_chains" ("workspace_id" uuid not null, "mask" smallint not null, "time_zone" varchar(64) not null, constraint "attribution_chains_pkey" primary key ("workspace_id", "mask"))`,
    );
    this.addSql(
      `alter table "attribution_touches" add constraint "attribution_touches_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "attribution_touches" add constraint "attribution_touches_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "attribution_keys" add constraint "attribution_keys_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "attribution_chains" add constraint "attribution_chains_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );

    this.addSql(
      `create table "attribution_channel_steps" ("workspace_id" uuid not null, "mask" smallint not null, "day" date not null, "prev_day" date not null, "prev_channel" varchar(10) not null, "channel" varchar(10) not null, "n" int not null, constraint "attribution_channel_steps_pkey" primary key ("workspace_id", "mask", "day", "prev_day", "prev_channel", "channel"))`,
    );
    this.addSql(
      `alter table "attribution_channel_steps" add constraint "attribution_channel_steps_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    // The per-channel counts follow the kept touches whoever writes them: the refresh (under its lock) or a
    // contact's deletion (erasure, merge). Rows are written in key order, so two writers never wait on each other
    // in a cycle.
    for (const [name, table, sign] of [
      ['insert', 'new_rows', '+'],
      ['delete', 'old_rows', '-'],
    ] as const)
      this
        .addSql(`create function attribution_channel_steps_on_${name}() returns trigger language plpgsql as $$
        begin
          insert into attribution_channel_steps (workspace_id, mask, day, prev_day, prev_channel, channel, n)
          select t.workspace_id, t.mask, t.day, coalesce(t.prev_day, '-infinity'::date), coalesce(pk.channel, ''),
            k.channel, ${sign}count(*)
          from ${table} t join attribution_keys k on k.id = t.key_id
          left join attribution_keys pk on pk.id = t.prev_key
          -- A workspace being deleted takes its counts with it.
          where exists (select 1 from workspaces w where w.id = t.workspace_id)
          group by 1, 2, 3, 4, 5, 6
          order by 1, 2, 3, 4, 5, 6
          on conflict (workspace_id, mask, day, prev_day, prev_channel, channel)
            do update set n = attribution_channel_steps.n + excluded.n;
          return null;
        end $$`);
    this.addSql(`create trigger attribution_touches_steps_insert after insert on attribution_touches
      referencing new table as new_rows for each statement execute function attribution_channel_steps_on_insert()`);
    this.addSql(`create trigger attribution_touches_steps_delete after delete on attribution_touches
      referencing old table as old_rows for each statement execute function attribution_channel_steps_on_delete()`);

    this.addSql(`create function message_owner_stale_on_update() returns trigger language plpgsql as $$
      begin
        insert into message_rollup_stale (workspace_id, hour)
        select distinct n.workspace_id, ${HOUR('n.sent_at')}
        from old_rows o join new_rows n on n.id = o.id
        where n.sent_at is not null and n.contact_id is not null and o.contact_id is distinct from n.contact_id;
        return null;
      end $$`);
    this.addSql(`create trigger messages_owner_update after update on messages
      referencing old table as old_rows new table as new_rows
      for each statement execute function message_owner_stale_on_update()`);
  }

  override down(): void {
    this.addSql(`drop trigger messages_owner_update on messages`);
    this.addSql(`drop function message_owner_stale_on_update()`);
    this.addSql(`drop trigger attribution_touches_steps_delete on attribution_touches`);
    this.addSql(`drop trigger attribution_touches_steps_insert on attribution_touches`);
    this.addSql(`drop function attribution_channel_steps_on_delete()`);
    this.addSql(`drop function attribution_channel_steps_on_insert()`);
    this.addSql(`drop table if exists "attribution_channel_steps" cascade`);
    this.addSql(`drop table if exists "attribution_chains" cascade`);
    this.addSql(`drop table if exists "attribution_keys" cascade`);
    this.addSql(`drop table if exists "attribution_touches" cascade`);
  }
}
