import { Migration } from '@mikro-orm/migrations';

/** Images agents attach to replies, stored in the database so every server and worker reads the same bytes. */
export class Migration20261208010000InboxAttachments extends Migration {
  override up(): void {
    this.addSql(
      `create table "inbox_attachments" ("id" uuid not null, "workspace_id" uuid not null, "content_type" varchar(100) not null, "filename" varchar(200) not null, "byte_size" int not null, "data" bytea not null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, constraint "inbox_attachments_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "inbox_attachments" add constraint "inbox_attachments_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbox_attachments" add constraint "inbox_attachments_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on update cascade on delete set null`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "inbox_attachments"`);
  }
}
