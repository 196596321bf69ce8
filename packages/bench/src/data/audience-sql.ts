import type { Database } from '@switchboard/db';

const PLANS = "array['free', 'starter', 'pro', 'enterprise']";

/**
 * A deterministic audience generated inside PostgreSQL (fast enough for millions of rows): `contacts` people with a
 * plan attribute, and `events` events over 90 days — 60 % page views, 20 % product views, 10 % email opens, 5 % email
 * clicks, 5 % orders — spread over contacts by a hash. The events table's indexes are dropped for
 * the load and rebuilt afterwards (throwaway benchmark database), then everything is analysed.
 */
export async function generateAudience(
  db: Database,
  workspaceId: string,
  sizes: { contacts: number; events: number },
  progress: (line: string) => void,
) {
  const knex = db.fork().getConnection().getKnex();
  const run = (sql: string, params: unknown[] = []) => knex.raw(sql, params as never[]);
  await run(
    `insert into contacts (id, workspace_id, email, first_name, attributes, attribute_written_at, tags, lifecycle_stage, created_at, updated_at)
     select gen_random_uuid(), ?, 'p' || g || '@bench.test', 'P' || g,
            jsonb_build_object('plan', (${PLANS})[1 + (hashint4(g) & 3)], 'seats', g % 500), '{}'::jsonb, '{}',
            'subscriber', now() - (g % 365) * interval '1 day', now()
     from generate_series(1, ?) g`,
    [workspaceId, sizes.contacts],
  );
  await run(
    `insert into attribute_definitions (id, workspace_id, key, type, label, created_at)
     values (gen_random_uuid(), ?, 'plan', 'text', 'Plan', now()), (gen_random_uuid(), ?, 'seats', 'number', 'Seats', now())`,
    [workspaceId, workspaceId],
  );
  progress(`  ${sizes.contacts.toLocaleString('en')} contacts`);
  await run(
    'create table bench_ids as select row_number() over (order by id) as n, id from contacts where workspace_id = ?',
    [workspaceId],
  );
  await run('create unique index on bench_ids (n)');
  await run('alter table events drop constraint events_workspace_id_message_id_unique');
  await run(
    'drop index events_contact_id_name_occurred_at_index, events_workspace_id_name_occurred_at_contact_id_index',
  );
  const chunk = 2_000_000;
  for (let from = 1; from <= sizes.events; from += chunk) {
    const to = Math.min(sizes.events, from + chunk - 1);
    await run(
      `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
       select ?, b.id,
              case when x.r < 60 then 'page_viewed' when x.r < 80 then 'product_viewed' when x.r < 90 then 'email_opened'
                   when x.r < 95 then 'email_clicked' else 'order_completed' end,
              '{}'::jsonb, 'system', now() - (abs(hashint4(g::int + 13)) % 7776000) * interval '1 second', now()
       from generate_series(?::bigint, ?::bigint) g
       cross join lateral (select abs(hashint4(g::int)) % 100 as r, 1 + abs(hashint4(g::int + 7)) % ? as n) x
       join bench_ids b on b.n = x.n`,
      [workspaceId, from, to, sizes.contacts],
    );
    progress(`  ${to.toLocaleString('en')} / ${sizes.events.toLocaleString('en')} events`);
  }
  progress('  rebuilding the events indexes');
  await run(
    'create index "events_contact_id_name_occurred_at_index" on "events" ("contact_id", "name", "occurred_at")',
  );
  await run(
    'create index "events_workspace_id_name_occurred_at_contact_id_index" on "events" ("workspace_id", "name", "occurred_at", "contact_id")',
  );
  await run(
    'alter table "events" add constraint "events_workspace_id_message_id_unique" unique ("workspace_id", "message_id")',
  );
  await run('drop table bench_ids');
  await run('vacuum analyze events');
  await run('analyze contacts');
}
