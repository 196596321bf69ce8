import { Migration } from '@mikro-orm/migrations';

/** CSV imports (file header, mapping, counters, waiting row batches, rejected rows, remembered column mappings), static lists and segment membership. */
export class Migration20261126160000ImportsAndMembership extends Migration {
  override up(): void {
    this.addSql(
      `create table "import_column_mappings" ("workspace_id" uuid not null, "column_key" varchar(200) not null, "target" jsonb not null, "updated_at" timestamptz not null, constraint "import_column_mappings_pkey" primary key ("workspace_id", "column_key"))`,
    );
    this.addSql(
      `create table "imports" ("id" uuid not null, "workspace_id" uuid not null, "file_name" varchar(255) not null, "status" text check ("status" in ('uploading', 'queued', 'running', 'completed', 'failed')) not null, "header" jsonb not null, "mapping" jsonb not null, "options" jsonb not null default '{}', "total_rows" int not null default 0, "batch_count" int not null default 0, "processed_rows" int not null default 0, "created_count" int not null default 0, "updated_count" int not null default 0, "duplicate_count" int not null default 0, "rejected_count" int not null default 0, "error" text null, "created_by" varchar(254) not null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, constraint "imports_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "imports_workspace_id_created_at_index" on "imports" ("workspace_id", "created_at")`,
    );
    this.addSql(
      `create table "import_rejections" ("import_id" uuid not null, "row_number" int not null, "reason" text not null, "cells" jsonb not null, constraint "import_rejections_pkey" primary key ("import_id", "row_number"))`,
    );
    this.addSql(
      `create table "import_batches" ("import_id" uuid not null, "batch_no" int not null, "first_row" int not null, "rows" jsonb not null, "processed_at" timestamptz null, constraint "import_batches_pkey" primary key ("import_id", "batch_no"))`,
    );
    this.addSql(
      `create table "segment_members" ("segment_id" uuid not null, "contact_id" uuid not null, "workspace_id" uuid not null, "entered_at" timestamptz not null, constraint "segment_members_pkey" primary key ("segment_id", "contact_id"))`,
    );
    this.addSql(`create index "segment_members_contact_id_index" on "segment_members" ("contact_id")`);
    this.addSql(
      `alter table "import_column_mappings" add constraint "import_column_mappings_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "imports" add constraint "imports_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "import_rejections" add constraint "import_rejections_import_id_foreign" foreign key ("import_id") references "imports" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "import_batches" add constraint "import_batches_import_id_foreign" foreign key ("import_id") references "imports" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "segment_members" add constraint "segment_members_segment_id_foreign" foreign key ("segment_id") references "segments" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "segment_members" add constraint "segment_members_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "segment_members" add constraint "segment_members_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "segments" add column "kind" text check ("kind" in ('dynamic', 'static')) not null default 'dynamic'`,
    );
  }

  override down(): void {
    this.addSql(`alter table "segments" drop column "kind"`);
    this.addSql(`drop table if exists "segment_members" cascade`);
    this.addSql(`drop table if exists "import_batches" cascade`);
    this.addSql(`drop table if exists "import_rejections" cascade`);
    this.addSql(`drop table if exists "imports" cascade`);
    this.addSql(`drop table if exists "import_column_mappings" cascade`);
  }
}
