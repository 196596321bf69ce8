import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';

/** The bit of each touch kind in a chain's mask. */
export const TOUCH_KIND_BITS = { delivered: 1, opened: 2, clicked: 4, replied: 8 } as const;

/** The mask of a set of touch kinds (unknown kinds ignored). */
export function touchMask(kinds: readonly string[]): number {
  let mask = 0;
  for (const kind of kinds) mask |= TOUCH_KIND_BITS[kind as keyof typeof TOUCH_KIND_BITS] ?? 0;
  return mask;
}

// A message counts as delivered once the provider took it, unless it came back.
export const DELIVERED_STATUSES = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'unsubscribed',
  'complained',
];

/**
 * The touches of the contacts in `chain_contacts`, each with the contact's previous touch (its day and key) in the
 * chain's kinds. Ties at the same instant are ordered by key, so a rebuild gives the same chain every time.
 */
const INSERT_TOUCHES = `
  with m as (
    select m.id, m.workspace_id, m.contact_id, k.id as key_id, m.status, coalesce(m.delivered_at, m.sent_at) as delivered
    from chain_contacts c join messages m on m.contact_id = c.contact_id
    join attribution_keys k on k.workspace_id = m.workspace_id and k.channel = m.channel::text
      and k.source_kind = m.source_kind::text and k.source_id = coalesce(m.source_id, '')
      and k.journey_node = coalesce(m.journey_node, '')
    where m.workspace_id = ?
  )
  insert into attribution_touches (workspace_id, mask, contact_id, at, day, key_id, prev_day, prev_key)
  select t.workspace_id, ?::smallint, t.contact_id, t.at, t.day, t.key_id,
    lag(t.day) over w, lag(t.key_id) over w
  from (
    select x.workspace_id, x.contact_id, x.key_id, x.at, (x.at at time zone ?::text)::date as day
    from (
      select m.workspace_id, m.contact_id, m.key_id, m.delivered as at from m
      where ?::int & 1 = 1 and m.status::text = any(${TEXT_LIST}) and m.delivered is not null
      union all
      select m.workspace_id, m.contact_id, m.key_id, me.occurred_at from m join message_events me on me.message_id = m.id
      where not me.machine and me.kind in ('opened', 'clicked', 'replied')
        and (case me.kind when 'opened' then 2 when 'clicked' then 4 else 8 end) & ?::int <> 0
    ) x
  ) t
  window w as (partition by t.contact_id order by t.at, t.key_id)`;

/** Numbers the keys (channel + source) of the messages of the contacts in `chain_contacts` not yet numbered. */
const INSERT_KEYS = `
  insert into attribution_keys (workspace_id, channel, source_kind, source_id, journey_node)
  select distinct m.workspace_id, m.channel::text, m.source_kind::text, coalesce(m.source_id, ''),
    coalesce(m.journey_node, '')
  from chain_contacts c join messages m on m.contact_id = c.contact_id
  where m.workspace_id = ?
  on conflict do nothing`;

/** Replaces the kept touches of the contacts in `chain_contacts`; `emptied` when the caller already deleted them. */
async function rebuildChainContacts(
  tx: EntityManager,
  workspaceId: string,
  chains: Chain[],
  emptied = false,
) {
  await sql(tx, 'analyze chain_contacts');
  await sql(tx, INSERT_KEYS, [workspaceId]);
  for (const chain of chains) {
    if (!emptied)
      await sql(
        tx,
        `delete from attribution_touches t using chain_contacts c
       where t.contact_id = c.contact_id and t.mask = ? and t.workspace_id = ?`,
        [chain.mask, workspaceId],
      );
    await sql(tx, INSERT_TOUCHES, [
      workspaceId,
      chain.mask,
      chain.time_zone,
      chain.mask,
      list(DELIVERED_STATUSES),
      chain.mask,
    ]);
  }
}

interface Chain {
  mask: number;
  time_zone: string;
}

const CHAIN_CONTACTS = 'create temp table chain_contacts (contact_id uuid primary key) on commit drop';

/**
 * Rebuilds the kept touches of every contact who has a message sent in one of `hours` (the stale hours the rollup
 * refresh took), in the refresh's transaction: the same marks drive both, so a crash rolls both back.
 */
export async function refreshAttributionTouches(
  tx: EntityManager,
  workspaceId: string,
  hours: string,
): Promise<void> {
  const chains = await sql<Chain>(
    tx,
    'select mask, time_zone from attribution_chains where workspace_id = ?',
    [workspaceId],
  );
  if (chains.length === 0) return;
  await sql(tx, CHAIN_CONTACTS);
  await sql(
    tx,
    `insert into chain_contacts
     select distinct m.contact_id from unnest(?::timestamptz[]) as h (hour)
     join messages m on m.workspace_id = ? and m.sent_at >= h.hour and m.sent_at < h.hour + interval '1 hour'
     where m.contact_id is not null`,
    [hours, workspaceId],
  );
  await rebuildChainContacts(tx, workspaceId, chains);
  await sql(tx, 'drop table chain_contacts');
}

/**
 * Makes sure a workspace keeps touches for a set of kinds, with days in `timeZone`: the first report that needs a
 * chain (or the first after the workspace's time zone changed) builds it from the whole ledger, once. True when it
 * built one.
 */
export async function ensureAttributionChain(
  em: EntityManager,
  workspaceId: string,
  mask: number,
  timeZone: string,
): Promise<boolean> {
  const kept = await sql<Chain>(
    em,
    'select mask, time_zone from attribution_chains where workspace_id = ? and mask = ?',
    [workspaceId, mask],
  );
  if (kept[0]?.time_zone === timeZone) return false;
  return em.fork().transactional(async (tx) => {
    // Takes turns with the refresh, which rebuilds chains from the same marks.
    await sql(tx, `select pg_advisory_xact_lock(hashtextextended('message_rollups:' || ?::text, 0))`, [
      workspaceId,
    ]);
    const again = await sql<Chain>(
      tx,
      'select mask, time_zone from attribution_chains where workspace_id = ? and mask = ?',
      [workspaceId, mask],
    );
    if (again[0]?.time_zone === timeZone) return false;
    await sql(tx, 'delete from attribution_touches where workspace_id = ? and mask = ?', [workspaceId, mask]);
    await sql(tx, CHAIN_CONTACTS);
    await sql(
      tx,
      `insert into chain_contacts
       select distinct contact_id from messages where workspace_id = ? and contact_id is not null`,
      [workspaceId],
    );
    await rebuildChainContacts(tx, workspaceId, [{ mask, time_zone: timeZone }], true);
    await sql(tx, 'drop table chain_contacts');
    await sql(
      tx,
      `insert into attribution_chains (workspace_id, mask, time_zone) values (?, ?, ?)
       on conflict (workspace_id, mask) do update set time_zone = excluded.time_zone`,
      [workspaceId, mask, timeZone],
    );
    return true;
  });
}

/** Every set of kinds a report may ask of a workspace: its conversion definitions' (all four without any). */
const WANTED_CHAINS = `
  select w.id as workspace_id, coalesce(nullif(mp.default_timezone, ''), 'UTC') as time_zone,
    coalesce(array_agg(distinct array_to_string(cd.touch_kinds, ',')) filter (where cd.id is not null), '{}') as kinds
  from workspaces w
  left join messaging_policies mp on mp.workspace_id = w.id
  left join conversion_definitions cd on cd.workspace_id = w.id
  where exists (select 1 from messages m where m.workspace_id = w.id)
  group by 1, 2`;

/**
 * Builds, ahead of the first report, the chains the workspaces' reports will read (the worker's schedule): at scale a
 * first build reads the whole ledger, which belongs in the background rather than in someone's page load.
 */
export async function prepareAttributionChains(em: EntityManager): Promise<number> {
  const wanted = await sql<{ workspace_id: string; time_zone: string; kinds: string[] }>(em, WANTED_CHAINS);
  let built = 0;
  for (const workspace of wanted) {
    const masks = workspace.kinds.length > 0 ? workspace.kinds.map((k) => touchMask(k.split(','))) : [15];
    for (const mask of new Set(masks.filter((m) => m > 0)))
      if (await ensureAttributionChain(em, workspace.workspace_id, mask, workspace.time_zone)) built += 1;
  }
  return built;
}
