import { Migration } from '@mikro-orm/migrations';

/** What each workspace counts as a conversion, for attribution and reports. */
export class Migration20261206100000ConversionDefinitions extends Migration {
  override up(): void {
    this.addSql(
      `create table "conversion_definitions" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(120) not null, "kind" text check ("kind" in ('event', 'deal_won', 'segment_entry')) not null, "event_name" varchar(200) null, "value_property" varchar(200) null, "segment_id" uuid null, "currency" varchar(3) not null, "lookback_days" int not null default 30, "touch_kinds" text[] not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "conversion_definitions_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "conversion_definitions" add constraint "conversion_definitions_workspace_id_name_unique" unique ("workspace_id", "name")`,
    );
    this.addSql(
      `alter table "conversion_definitions" add constraint "conversion_definitions_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "conversion_definitions" add constraint "conversion_definitions_segment_id_foreign" foreign key ("segment_id") references "segments" ("id") on update cascade on delete cascade`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "conversion_definitions" cascade`);
  }
}
