import { Migration } from '@mikro-orm/migrations';

/** Saved segments and their rule trees. */
export class Migration20261126150000Segments extends Migration {
  override up(): void {
    this.addSql(
      `create table "segments" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "description" text null, "rules" jsonb not null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "segments_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "segments" add constraint "segments_workspace_id_name_unique" unique ("workspace_id", "name")`,
    );
    this.addSql(
      `alter table "segments" add constraint "segments_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "segments" add constraint "segments_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "segments" cascade`);
  }
}
