import type { Database } from '@switchboard/db';

/**
 * A deterministic send history generated inside PostgreSQL for contacts that already exist: `messages` ledger rows
 * over 90 days (70 % email, 20 % SMS, 10 % WeChat) from 30 campaigns, three journeys of three steps and API sends;
 * their engagement (a quarter of emails opened by people, a tenth by machines, 4 % clicked, 2 % of texts replied);
 * and purchases with revenue that follow a quarter of the clicks and a tenth of the replies, plus direct ones.
 * The ledger's secondary indexes are dropped for the load and rebuilt afterwards (throwaway benchmark database);
 * the rollup triggers stay on, as they are in production.
 */
export async function generateLedger(
  db: Database,
  workspaceId: string,
  sizes: { contacts: number; messages: number },
  progress: (line: string) => void,
) {
  const knex = db.fork().getConnection().getKnex();
  const run = (sql: string, params: unknown[] = []) => knex.raw(sql, params as never[]);
  await run(
    'create table bench_ids as select row_number() over (order by id) as n, id from contacts where workspace_id = ?',
    [workspaceId],
  );
  await run('create unique index on bench_ids (n)');
  await run(
    `create table bench_sources as
     select g as n, 'campaign' as kind, gen_random_uuid()::text as id, null::text as node from generate_series(0, 29) g
     union all
     select 30 + j * 3 + s, 'journey', (array['a0000000-0000-4000-8000-000000000001',
       'a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000003'])[j + 1], 'step-' || s
     from generate_series(0, 2) j, generate_series(0, 2) s
     union all select 39, 'api', null, null`,
  );
  const { rows: indexes } = await knex.raw<{ rows: { indexname: string; indexdef: string }[] }>(
    `select indexname, indexdef from pg_indexes
     where tablename in ('messages', 'message_events') and indexname not like '%pkey' and indexname not like '%unique'`,
  );
  for (const index of indexes) await run(`drop index "${index.indexname}"`);
  const chunk = 1_000_000;
  for (let from = 1; from <= sizes.messages; from += chunk) {
    const to = Math.min(sizes.messages, from + chunk - 1);
    await run(
      `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, journey_node,
         channel, purpose, content, status, segments, created_at, sent_at, delivered_at, updated_at)
       select gen_random_uuid(), ?, b.id, 'bench:' || g, s.kind, s.id, s.node, x.channel, 'marketing', '{}'::jsonb,
         case when x.channel = 'email' and x.r < 2 then 'bounced' when x.channel = 'email' then 'sent'
              when x.r < 95 then 'delivered' else 'sent' end,
         case when x.channel = 'sms' then 1 + x.r % 2 end,
         x.at, x.at, case when x.channel <> 'email' and x.r < 95 then x.at + interval '5 seconds' end, x.at
       from generate_series(?::bigint, ?::bigint) g
       cross join lateral (
         select abs(hashint4(g::int)) % 100 as r, 1 + abs(hashint4(g::int + 7)) % ? as n,
           abs(hashint4(g::int + 11)) % 40 as source,
           case when abs(hashint4(g::int + 17)) % 10 < 7 then 'email'
                when abs(hashint4(g::int + 17)) % 10 < 9 then 'sms' else 'wechat' end as channel,
           now() - (abs(hashint4(g::int + 13)) % 7776000) * interval '1 second' as at
       ) x
       join bench_ids b on b.n = x.n
       join bench_sources s on s.n = x.source`,
      [workspaceId, from, to, sizes.contacts],
    );
    progress(`  ${to.toLocaleString('en')} / ${sizes.messages.toLocaleString('en')} messages`);
  }
  await run(
    `insert into message_events (workspace_id, message_id, kind, machine, occurred_at)
     select m.workspace_id, m.id, e.kind, e.machine, m.sent_at + e.after
     from messages m
     cross join lateral (select abs(hashtext(m.id::text)) % 1000 as r) x
     cross join lateral (values
       ('opened', false, interval '2 hours', m.channel = 'email' and m.status <> 'bounced' and x.r < 250),
       ('opened', true, interval '5 seconds', m.channel = 'email' and m.status <> 'bounced' and x.r % 10 = 0),
       ('clicked', false, interval '3 hours', m.channel = 'email' and m.status <> 'bounced' and x.r < 40),
       ('clicked', false, interval '4 hours', m.channel = 'email' and m.status <> 'bounced' and x.r < 15),
       ('replied', false, interval '1 hour', m.channel <> 'email' and x.r < 20)
     ) as e (kind, machine, after, keep)
     where m.workspace_id = ? and e.keep`,
    [workspaceId],
  );
  progress('  engagement events');
  await run(
    `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id,
       occurred_at, received_at)
     select m.workspace_id, m.contact_id, 'purchase', '{}'::jsonb, 20 + abs(hashtext(m.id::text || 'v')) % 180,
       'USD', 'api', gen_random_uuid()::text,
       m.sent_at + interval '3 hours' + (abs(hashtext(m.id::text || 't')) % 172800) * interval '1 second', now()
     from messages m cross join lateral (select abs(hashtext(m.id::text)) % 1000 as r) x
     where m.workspace_id = ? and m.status <> 'bounced'
       and ((m.channel = 'email' and x.r < 40 and x.r % 4 = 0) or (m.channel <> 'email' and x.r < 20 and x.r % 10 = 0))
     union all
     select ?, b.id, 'purchase', '{}'::jsonb, 20 + g % 180, 'USD', 'api', gen_random_uuid()::text,
       now() - (abs(hashint4(g + 5)) % 7776000) * interval '1 second', now()
     from generate_series(1, ?) g join bench_ids b on b.n = 1 + abs(hashint4(g + 3)) % ?`,
    [workspaceId, workspaceId, Math.max(1, Math.round(sizes.messages / 500)), sizes.contacts],
  );
  progress('  purchases');
  progress('  rebuilding the ledger indexes');
  for (const index of indexes) await run(index.indexdef);
  await run('drop table bench_ids');
  await run('drop table bench_sources');
  await run('vacuum analyze messages');
  await run('vacuum analyze message_events');
  await run('analyze events');
}
