import { Migration } from '@mikro-orm/migrations';

/** Lead scoring rules, lifecycle thresholds, owner assignment rules, in-app notifications, companies, deals and notes. */
export class Migration20261126180000ScoringAndCrm extends Migration {
  override up(): void {
    this.addSql(
      `create table "scoring_rules" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "kind" text check ("kind" in ('event', 'condition')) not null, "event_name" varchar(200) null, "condition" jsonb null, "points" int not null, "half_life_days" int null, "created_at" timestamptz not null, constraint "scoring_rules_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "scoring_rules_workspace_id_event_name_index" on "scoring_rules" ("workspace_id", "event_name")`,
    );
    this.addSql(
      `create table "notifications" ("id" bigserial primary key, "workspace_id" uuid not null, "user_id" uuid not null, "kind" varchar(64) not null, "title" varchar(500) not null, "body" text not null, "link" varchar(500) null, "created_at" timestamptz not null, "read_at" timestamptz null)`,
    );
    this.addSql(
      `create index "notifications_user_id_created_at_index" on "notifications" ("user_id", "created_at")`,
    );
    this.addSql(
      `create table "lifecycle_thresholds" ("workspace_id" uuid not null, "stage" text check ("stage" in ('subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer')) not null, "min_score" int not null, constraint "lifecycle_thresholds_pkey" primary key ("workspace_id", "stage"))`,
    );
    this.addSql(
      `create table "companies" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "domain" varchar(253) null, "attributes" jsonb not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "companies_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "companies_workspace_id_name_index" on "companies" ("workspace_id", "name")`);
    this.addSql(
      `alter table "companies" add constraint "companies_workspace_id_domain_unique" unique ("workspace_id", "domain")`,
    );
    this.addSql(
      `create table "deals" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "amount" numeric(14,2) not null, "currency" varchar(3) not null, "stage" text check ("stage" in ('qualification', 'proposal', 'negotiation', 'won', 'lost')) not null, "expected_close_date" date null, "actual_close_date" date null, "owner_id" uuid null, "company_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "deals_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "deals_workspace_id_stage_index" on "deals" ("workspace_id", "stage")`);
    this.addSql(
      `create table "notes" ("id" uuid not null, "workspace_id" uuid not null, "contact_id" uuid not null, "author_id" uuid null, "body" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "notes_pkey" primary key ("id"))`,
    );
    this.addSql(`create index "notes_contact_id_created_at_index" on "notes" ("contact_id", "created_at")`);
    this.addSql(
      `create table "deal_contacts" ("deal_id" uuid not null, "contact_id" uuid not null, constraint "deal_contacts_pkey" primary key ("deal_id", "contact_id"))`,
    );
    this.addSql(`create index "deal_contacts_contact_id_index" on "deal_contacts" ("contact_id")`);
    this.addSql(
      `create table "assignment_rules" ("id" uuid not null, "workspace_id" uuid not null, "name" varchar(200) not null, "position" int not null, "stage" text check ("stage" in ('subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer')) not null, "attribute_key" varchar(64) null, "attribute_value" varchar(2000) null, "user_ids" jsonb not null, "next_index" int not null default 0, "created_at" timestamptz not null, constraint "assignment_rules_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "assignment_rules_workspace_id_position_index" on "assignment_rules" ("workspace_id", "position")`,
    );
    this.addSql(
      `alter table "scoring_rules" add constraint "scoring_rules_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "lifecycle_thresholds" add constraint "lifecycle_thresholds_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "companies" add constraint "companies_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "deals" add constraint "deals_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "deals" add constraint "deals_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "deals" add constraint "deals_company_id_foreign" foreign key ("company_id") references "companies" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "notes" add constraint "notes_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "notes" add constraint "notes_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "notes" add constraint "notes_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade on delete set null`,
    );
    this.addSql(
      `alter table "deal_contacts" add constraint "deal_contacts_deal_id_foreign" foreign key ("deal_id") references "deals" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "deal_contacts" add constraint "deal_contacts_contact_id_foreign" foreign key ("contact_id") references "contacts" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "assignment_rules" add constraint "assignment_rules_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(`alter table "contacts" add column "company_id" uuid null`);
    this.addSql(
      `alter table "contacts" add constraint "contacts_company_id_foreign" foreign key ("company_id") references "companies" ("id") on update cascade on delete set null`,
    );
    this.addSql(`create index "contacts_company_id_index" on "contacts" ("company_id")`);
  }

  override down(): void {
    this.addSql(`alter table "contacts" drop column "company_id"`);
    for (const table of [
      'notes',
      'deal_contacts',
      'deals',
      'companies',
      'notifications',
      'assignment_rules',
      'lifecycle_thresholds',
      'scoring_rules',
    ])
      this.addSql(`drop table if exists "${table}" cascade`);
  }
}
