import { Migration } from '@mikro-orm/migrations';

/** Queues one delivery per enabled endpoint of the row's workspace that takes the change's type. */
const QUEUE = (changes: string) => `
  insert into webhook_deliveries (endpoint_id, workspace_id, event_id, type, contact_id, payload, next_attempt_at, created_at)
  select e.id, c.workspace_id, gen_random_uuid(), c.type, c.contact_id, c.payload, now(), now()
  from (${changes}) c
  join webhook_endpoints e on e.workspace_id = c.workspace_id and e.enabled and c.type = any(e.event_types)
  order by c.ord`;

/** Nothing to do for any workspace: a probe of a partial index, so writers without endpoints pay almost nothing. */
const GUARD = `if not exists (select 1 from webhook_endpoints where enabled) then return null; end if;`;

/** The contact as a receiver sees it (no internal bookkeeping columns). */
const CONTACT_JSON = (row: string) => `jsonb_build_object(
  'id', ${row}.id, 'email', ${row}.email, 'phone', ${row}.phone, 'wechatId', ${row}.wechat_id,
  'externalId', ${row}.external_id, 'firstName', ${row}.first_name, 'lastName', ${row}.last_name,
  'attributes', ${row}.attributes, 'tags', to_jsonb(${row}.tags), 'lifecycleStage', ${row}.lifecycle_stage,
  'timezone', ${row}.timezone, 'locale', ${row}.locale, 'doNotContact', ${row}.do_not_contact)`;
const INSTANCE_JSON = (row: string) => `jsonb_build_object('contactId', ${row}.contact_id,
  'journeyId', ${row}.journey_id, 'journeyName', j.name, 'instanceId', ${row}.id, 'key', nullif(${row}.key, ''),
  'status', ${row}.status, 'step', ${row}.current_node, 'endReason', ${row}.end_reason)`;

/** The triggers that queue deliveries: present only while some workspace has an enabled endpoint. */
const CHANGE_TRIGGERS = [
  ['webhooks_from_events', 'insert', 'events', 'new table as new_rows'],
  ['webhooks_from_new_contacts', 'insert', 'contacts', 'new table as new_rows'],
  ['webhooks_from_changed_contacts', 'update', 'contacts', 'old table as old_rows new table as new_rows'],
  ['webhooks_from_redirects', 'insert', 'contact_redirects', 'new table as new_rows'],
  ['webhooks_from_consent_changes', 'insert', 'consent_changes', 'new table as new_rows'],
  ['webhooks_from_new_journey_instances', 'insert', 'journey_instances', 'new table as new_rows'],
  [
    'webhooks_from_ended_journey_instances',
    'update',
    'journey_instances',
    'old table as old_rows new table as new_rows',
  ],
] as const;

const CONTACT_FIELDS = [
  'email',
  'phone',
  'wechat_id',
  'external_id',
  'first_name',
  'last_name',
  'attributes',
  'tags',
  'lifecycle_stage',
  'timezone',
  'locale',
  'do_not_contact',
];

/**
 * Outbound webhooks. Deliveries are queued by statement-level triggers in the transaction of the change they
 * report — events (messages, segments, conversions), contacts (created, updated), redirects (merged, erased),
 * consent changes and journey instances (entered, ended) — so every path that changes these (API, app, imports,
 * workflows) is covered, and a rolled-back change reports nothing. Each queued statement notifies
 * `switchboard_webhooks` with the endpoints to wake. The triggers are installed by `webhooks_sync_triggers()`
 * while an enabled endpoint exists.
 */
export class Migration20261211000000Webhooks extends Migration {
  override up(): void {
    this.addSql(
      `create table "webhook_endpoints" ("id" uuid not null, "workspace_id" uuid not null, "url" varchar(2000) not null, "description" varchar(200) not null default '', "event_types" text[] not null, "secret" varchar(100) not null, "enabled" boolean not null default true, "disabled_reason" varchar(500) null, "failing_since" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "webhook_endpoints_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create index "webhook_endpoints_enabled_index" on "webhook_endpoints" ("workspace_id") where "enabled"`,
    );
    this.addSql(
      `create table "webhook_deliveries" ("id" bigserial primary key, "endpoint_id" uuid not null, "workspace_id" uuid not null, "event_id" uuid not null, "type" varchar(60) not null, "contact_id" uuid null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'delivered', 'failed')) not null default 'pending', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "response_status" int null, "response_body" text null, "error" varchar(1000) null, "duration_ms" int null, "created_at" timestamptz not null)`,
    );
    this.addSql(
      `create index "webhook_deliveries_endpoint_id_id_index" on "webhook_deliveries" ("endpoint_id", "id")`,
    );
    this.addSql(`create index "webhook_deliveries_contact_id_index" on "webhook_deliveries" ("contact_id")`);
    this.addSql(
      `create index "webhook_deliveries_pending_index" on "webhook_deliveries" ("endpoint_id", "id") where "status" = 'pending'`,
    );
    this.addSql(
      `create index "webhook_deliveries_pending_contact_index" on "webhook_deliveries" ("contact_id", "endpoint_id", "id") where "status" = 'pending'`,
    );
    this.addSql(
      `alter table "webhook_endpoints" add constraint "webhook_endpoints_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade`,
    );

    this.addSql(`create function webhook_deliveries_wake() returns trigger language plpgsql as $$
      declare endpoint uuid;
      begin
        for endpoint in select distinct endpoint_id from new_rows loop
          perform pg_notify('switchboard_webhooks', endpoint::text);
        end loop;
        return null;
      end $$`);
    this.addSql(`create trigger webhook_deliveries_wake after insert on webhook_deliveries
      referencing new table as new_rows for each statement execute function webhook_deliveries_wake()`);

    this.addSql(`create function webhooks_from_events() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select n.id as ord, n.workspace_id, n.contact_id, t.type,
            jsonb_build_object('contactId', n.contact_id, 'channel', split_part(n.name, '_', 1),
              'occurredAt', n.occurred_at) || n.properties as payload
          from new_rows n
          cross join lateral (select case
            when n.source = 'channel'
              and n.name ~ '^(email|sms|wechat)_(sent|delivered|bounced|opened|clicked|replied|unsubscribed|complained|received)$'
              then 'message.' || split_part(n.name, '_', 2)
            end as type) t
          where t.type is not null
          union all
          select n.id, n.workspace_id, n.contact_id,
            case n.name when 'segment_entered' then 'segment.entered' else 'segment.exited' end,
            jsonb_build_object('contactId', n.contact_id, 'occurredAt', n.occurred_at) || n.properties
          from new_rows n where n.name in ('segment_entered', 'segment_exited')
          union all
          select n.id, n.workspace_id, n.contact_id, 'conversion',
            jsonb_build_object('contactId', n.contact_id, 'conversion', d.name, 'conversionId', d.id,
              'event', n.name, 'occurredAt', n.occurred_at, 'currency', coalesce(n.currency, d.currency),
              'value', case
                when d.kind = 'segment_entry' then null
                when d.value_property is null then to_jsonb(n.revenue)
                when jsonb_typeof(n.properties -> d.value_property) = 'number' then n.properties -> d.value_property
              end)
          from new_rows n
          join conversion_definitions d on d.workspace_id = n.workspace_id and (
            (d.kind = 'event' and d.event_name = n.name)
            or (d.kind = 'deal_won' and n.name = 'deal_won')
            or (d.kind = 'segment_entry' and n.name = 'segment_entered' and n.properties ->> 'segmentId' = d.segment_id::text))
        `)};
        return null;
      end $$`);

    this.addSql(`create function webhooks_from_new_contacts() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over () as ord, n.workspace_id, n.id as contact_id, 'contact.created' as type,
            jsonb_build_object('contactId', n.id, 'contact', ${CONTACT_JSON('n')}) as payload
          from new_rows n`)};
        return null;
      end $$`);

    const changed = CONTACT_FIELDS.map(
      (field) => `case when o.${field} is distinct from n.${field} then '${field}' end`,
    ).join(', ');
    this.addSql(`create function webhooks_from_changed_contacts() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over () as ord, n.workspace_id, n.id as contact_id, 'contact.updated' as type,
            jsonb_build_object('contactId', n.id, 'changed', to_jsonb(array_remove(array[${changed}], null)),
              'contact', ${CONTACT_JSON('n')}) as payload
          from new_rows n join old_rows o on o.id = n.id
          where (${CONTACT_FIELDS.map((f) => `o.${f}`).join(', ')})
            is distinct from (${CONTACT_FIELDS.map((f) => `n.${f}`).join(', ')})`)};
        return null;
      end $$`);

    // A redirect is written when a contact is merged into another ("to") or erased ("to" is null).
    this.addSql(`create function webhooks_from_redirects() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over () as ord, n.workspace_id, n."from" as contact_id,
            case when n."to" is null then 'contact.erased' else 'contact.merged' end as type,
            case when n."to" is null then jsonb_build_object('contactId', n."from")
              else jsonb_build_object('contactId', n."from", 'mergedInto', n."to") end as payload
          from new_rows n`)};
        return null;
      end $$`);

    this.addSql(`create function webhooks_from_consent_changes() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select n.id as ord, n.workspace_id, n.contact_id, 'consent.changed' as type,
            jsonb_build_object('contactId', n.contact_id, 'channel', n.channel, 'topic', nullif(n.topic, ''),
              'status', n.status, 'source', n.source, 'occurredAt', n.occurred_at) as payload
          from new_rows n`)};
        return null;
      end $$`);

    this.addSql(`create function webhooks_from_new_journey_instances() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over (order by n.entered_at) as ord, n.workspace_id, n.contact_id,
            'journey.entered' as type, ${INSTANCE_JSON('n')} as payload
          from new_rows n join journeys j on j.id = n.journey_id`)};
        return null;
      end $$`);
    this
      .addSql(`create function webhooks_from_ended_journey_instances() returns trigger language plpgsql as $$
      begin
        ${GUARD}
        ${QUEUE(`
          select row_number() over () as ord, n.workspace_id, n.contact_id, 'journey.ended' as type,
            ${INSTANCE_JSON('n')} as payload
          from new_rows n join old_rows o on o.id = n.id join journeys j on j.id = n.journey_id
          where o.status = 'active' and n.status <> 'active'`)};
        return null;
      end $$`);

    // A statement trigger with transition tables copies every written row, even when it then does nothing (15 % of
    // batch ingestion): so the triggers exist only while an enabled endpoint does. Whoever changes endpoints calls
    // this in the same transaction; the lock orders concurrent callers, and each sees the others' commits. It runs
    // with its owner's rights, so the application's role needs no right to create triggers.
    this.addSql(`create function webhooks_sync_triggers() returns void language plpgsql
      security definer set search_path from current as $$
      declare
        wanted boolean;
        present boolean;
      begin
        perform pg_advisory_xact_lock(hashtext('switchboard:webhook-triggers'));
        wanted := exists (select 1 from webhook_endpoints where enabled);
        -- Creating or dropping a trigger locks its table against writes for a moment: only when it changes anything.
        present := exists (select 1 from pg_trigger where tgname = 'webhooks_from_events' and tgrelid = 'events'::regclass);
        if wanted and not present then
          ${CHANGE_TRIGGERS.map(
            ([name, event, table, transition]) =>
              `create or replace trigger ${name} after ${event} on ${table} referencing ${transition}
                 for each statement execute function ${name}();`,
          ).join('\n          ')}
        elsif present and not wanted then
          ${CHANGE_TRIGGERS.map(([name, , table]) => `drop trigger if exists ${name} on ${table};`).join('\n          ')}
        end if;
      end $$`);
  }

  override down(): void {
    for (const [name, , table] of CHANGE_TRIGGERS) this.addSql(`drop trigger if exists ${name} on ${table}`);
    this.addSql(`drop function if exists webhooks_sync_triggers()`);
    this.addSql(`drop function if exists webhooks_from_ended_journey_instances()`);
    this.addSql(`drop function if exists webhooks_from_new_journey_instances()`);
    this.addSql(`drop function if exists webhooks_from_consent_changes()`);
    this.addSql(`drop function if exists webhooks_from_redirects()`);
    this.addSql(`drop function if exists webhooks_from_changed_contacts()`);
    this.addSql(`drop function if exists webhooks_from_new_contacts()`);
    this.addSql(`drop function if exists webhooks_from_events()`);
    this.addSql(`drop table if exists "webhook_deliveries" cascade`);
    this.addSql(`drop function if exists webhook_deliveries_wake()`);
    this.addSql(`drop table if exists "webhook_endpoints" cascade`);
  }
}
