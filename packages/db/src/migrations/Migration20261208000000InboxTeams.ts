import { Migration } from '@mikro-orm/migrations';

/** Teams of agents: a queue per team (routed by channel), round-robin among its members, its own business hours. */
export class Migration20261208000000InboxTeams extends Migration {
  override up(): void {
    this.addSql(
      `create table "inbox_teams" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(80) not null, "channels" text[] not null default '{}', "business_hours" jsonb null, "created_at" timestamptz not null, constraint "inbox_teams_pkey" primary key ("id"))`,
    );
    this.addSql(
      `alter table "inbox_teams" add constraint "inbox_teams_workspace_id_name_unique" unique ("workspace_id", "name")`,
    );
    this.addSql(
      `create table "inbox_team_members" ("team_id" uuid not null, "user_id" uuid not null, constraint "inbox_team_members_pkey" primary key ("team_id", "user_id"))`,
    );
    this.addSql(
      `alter table "inbox_teams" add constraint "inbox_teams_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbox_team_members" add constraint "inbox_team_members_team_id_foreign" foreign key ("team_id") references "inbox_teams" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "inbox_team_members" add constraint "inbox_team_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade`,
    );
    this.addSql(`alter table "conversations" add column "team_id" uuid null`);
    this.addSql(
      `alter table "conversations" add constraint "conversations_team_id_foreign" foreign key ("team_id") references "inbox_teams" ("id") on update cascade on delete set null`,
    );
  }

  override down(): void {
    this.addSql(`alter table "conversations" drop constraint "conversations_team_id_foreign"`);
    this.addSql(`alter table "conversations" drop column "team_id"`);
    this.addSql(`drop table if exists "inbox_team_members"`);
    this.addSql(`drop table if exists "inbox_teams"`);
  }
}
