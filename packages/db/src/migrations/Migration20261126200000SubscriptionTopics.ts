import { Migration } from '@mikro-orm/migrations';

/** Subscription topics with their labels and the channels they apply to. */
export class Migration20261126200000SubscriptionTopics extends Migration {
  override up(): void {
    this.addSql(
      `create table "subscription_topics" ("id" uuid not null, "workspace_id" uuid not null, "key" varchar(100) not null, "label" varchar(200) not null, "description" text null, "channels" jsonb not null, "created_at" timestamptz not null, constraint "subscription_topics_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "subscription_topics" add constraint "subscription_topics_workspace_id_key_unique" unique ("workspace_id", "key")`,
    );
    this.addSql(
      `alter table "subscription_topics" add constraint "subscription_topics_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "subscription_topics" cascade`);
  }
}
