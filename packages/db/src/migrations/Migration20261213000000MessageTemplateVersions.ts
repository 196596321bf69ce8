import { Migration } from '@mikro-orm/migrations';

const HOUR = (column: string) => `date_trunc('hour', ${column}, 'UTC')`;

/** The update trigger's columns: the rollups read these, so a change to one of them makes its hour stale. */
const reportedChange = (columns: string[]) =>
  `(${columns.map((c) => `o.${c}`).join(', ')}) is distinct from (${columns.map((c) => `n.${c}`).join(', ')})`;
const BEFORE = [
  'status',
  'sent_at',
  'delivered_at',
  'channel',
  'source_kind',
  'source_id',
  'journey_node',
  'workspace_id',
];
const AFTER = [...BEFORE, 'template_version_id'];

const staleOnUpdate = (columns: string[]) => `create or replace function message_rollups_stale_on_update()
  returns trigger language plpgsql as $$
  begin
    insert into message_rollup_stale (workspace_id, hour)
    select distinct x.workspace_id, x.hour
    from old_rows o join new_rows n on n.id = o.id
    cross join lateral (values (o.workspace_id, ${HOUR('o.sent_at')}), (n.workspace_id, ${HOUR('n.sent_at')}))
      as x (workspace_id, hour)
    where x.hour is not null and ${reportedChange(columns)};
    return null;
  end $$`;

/**
 * Messages remember the published template version they were written from, and the rollups count per version, so
 * a template's report (every campaign and journey step that used it, per version) reads the rollups like the rest.
 * Existing rows get theirs from their content; every hour is rebuilt on the next refresh.
 */
export class Migration20261213000000MessageTemplateVersions extends Migration {
  override up(): void {
    this.addSql(`alter table "messages" add column "template_version_id" uuid null`);
    this.addSql(
      `update messages set template_version_id = (content ->> 'versionId')::uuid
       where content ->> 'kind' = 'template'
         and content ->> 'versionId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`,
    );
    this.addSql(
      `alter table "message_rollups" add column "template_version_id" varchar(36) not null default ''`,
    );
    this.addSql(`alter table "message_rollups" alter column "template_version_id" drop default`);
    this.addSql(`alter table "message_rollups" drop constraint "message_rollups_pkey"`);
    this.addSql(
      `alter table "message_rollups" add constraint "message_rollups_pkey" primary key ("workspace_id", "hour", "channel", "source_kind", "source_id", "journey_node", "template_version_id")`,
    );
    this.addSql(staleOnUpdate(AFTER));
    this.addSql(
      `insert into message_rollup_stale (workspace_id, hour)
       select distinct workspace_id, ${HOUR('sent_at')} from messages where sent_at is not null`,
    );
  }

  override down(): void {
    this.addSql(staleOnUpdate(BEFORE));
    this.addSql(`delete from message_rollups`);
    this.addSql(`alter table "message_rollups" drop constraint "message_rollups_pkey"`);
    this.addSql(`alter table "message_rollups" drop column "template_version_id"`);
    this.addSql(
      `alter table "message_rollups" add constraint "message_rollups_pkey" primary key ("workspace_id", "hour", "channel", "source_kind", "source_id", "journey_node")`,
    );
    this.addSql(
      `insert into message_rollup_stale (workspace_id, hour)
       select distinct workspace_id, ${HOUR('sent_at')} from messages where sent_at is not null`,
    );
    this.addSql(`alter table "messages" drop column "template_version_id"`);
  }
}
