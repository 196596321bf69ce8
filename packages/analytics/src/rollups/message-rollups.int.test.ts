import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, useTestDatabase } from '@switchboard/testkit';
import { sql } from '@switchboard/contacts';
import {
  refreshMessageRollups,
  refreshWorkspaceRollups,
  ROLLUP_COUNTS,
  ROLLUP_FROM_LEDGER,
} from './message-rollups.ts';

const database = await useTestDatabase();
const em = () => database.db.fork();
let workspaceId = '';

const CHANNELS = ['email', 'sms', 'wechat'] as const;
const STATUSES = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'replied',
  'unsubscribed',
  'complained',
];
const EVENT_KINDS = ['opened', 'clicked', 'replied', 'unsubscribed', 'complained', 'delivered'];
const SOURCES = [
  { kind: 'campaign', id: randomUUID(), node: null },
  { kind: 'journey', id: randomUUID(), node: 'email-1' },
  { kind: 'journey', id: randomUUID(), node: 'sms-2' },
  { kind: 'api', id: null, node: null },
];
const START = Date.parse('2026-11-01T00:00:00Z');

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
const pick = <T>(next: () => number, values: readonly T[]): T => values[Math.floor(next() * values.length)]!;

/** `count` ledger rows spread over 48 hours, each with a few engagement events (some from machines). */
async function writeMessages(count: number, seed: number): Promise<string[]> {
  const next = random(seed);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const source = pick(next, SOURCES);
    const sentAt = new Date(START + Math.floor(next() * 48 * 3_600_000));
    const channel = pick(next, CHANNELS);
    await sql(
      em(),
      `insert into messages (id, workspace_id, idempotency_key, source_kind, source_id, journey_node, channel, purpose,
         content, status, segments, cost, created_at, sent_at, delivered_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 'marketing', '{}'::jsonb, ?, ?, ?, ?, ?, ?, now())`,
      [
        id,
        workspaceId,
        `rollup:${id}`,
        source.kind,
        source.id,
        source.node,
        channel,
        pick(next, STATUSES),
        channel === 'sms' ? 1 + Math.floor(next() * 3) : null,
        channel === 'sms' && next() < 0.5 ? 0.0079 : null,
        sentAt,
        next() < 0.3 ? null : sentAt,
        next() < 0.4 ? new Date(sentAt.getTime() + 60_000) : null,
      ],
    );
    const events = Math.floor(next() * 4);
    for (let e = 0; e < events; e++)
      await sql(
        em(),
        `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, ?, ?, ?)`,
        [workspaceId, id, pick(next, EVENT_KINDS), next() < 0.25, new Date(sentAt.getTime() + 3_600_000)],
      );
    ids.push(id);
  }
  return ids;
}

type Row = Record<string, string | number>;
const key = (row: Row) =>
  [
    new Date(row.hour as string).toISOString(),
    row.channel,
    row.source_kind,
    row.source_id,
    row.journey_node,
    row.template_version_id,
  ].join('|');
const normalised = (rows: Row[]) =>
  rows
    .map((row) => ({
      key: key(row),
      counts: ROLLUP_COUNTS.map((c) => Number(row[c])),
    }))
    .filter((row) => row.counts.some((n) => n !== 0))
    .sort((a, b) => a.key.localeCompare(b.key));

/** The stored rollups and the same rollups computed from the ledger this moment, for every hour with messages. */
async function storedAndFromLedger() {
  const stored = await sql<Row>(em(), 'select * from message_rollups where workspace_id = ?', [workspaceId]);
  const hours = await sql<{ hour: Date }>(
    em(),
    `select distinct date_trunc('hour', sent_at, 'UTC') as hour from messages
     where workspace_id = ? and sent_at is not null`,
    [workspaceId],
  );
  const literal = `{${hours.map((h) => `"${new Date(h.hour).toISOString()}"`).join(',')}}`;
  const fromLedger = await sql<Row>(em(), ROLLUP_FROM_LEDGER, [literal, workspaceId]);
  return { stored: normalised(stored), fromLedger: normalised(fromLedger) };
}

const staleCount = async () =>
  Number(
    (
      await sql<{ n: string }>(
        em(),
        'select count(*) as n from message_rollup_stale where workspace_id = ?',
        [workspaceId],
      )
    )[0]!.n,
  );

beforeAll(async () => {
  workspaceId = await createTestWorkspace(database.db);
});

describe('message rollups', () => {
  it('equal the ledger after writes, status changes, late engagement, a moved send time and deletions', async () => {
    const ids = await writeMessages(150, 7);
    expect(await staleCount()).toBeGreaterThan(0);
    expect(await refreshWorkspaceRollups(em(), workspaceId)).toBeGreaterThan(20);
    expect(await staleCount()).toBe(0);
    let { stored, fromLedger } = await storedAndFromLedger();
    expect(stored.length).toBeGreaterThan(20);
    expect(stored).toEqual(fromLedger);

    // A delivery receipt, a bounce, a late click by a person, a scanner's open, a message re-sent a day later, one
    // message deleted and an update that changes nothing a report reads.
    await sql(em(), `update messages set status = 'delivered', delivered_at = now() where id = ?`, [ids[0]]);
    await sql(em(), `update messages set status = 'bounced' where id = ?`, [ids[1]]);
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, 'clicked', false, now())`,
      [workspaceId, ids[2]],
    );
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, 'opened', true, now())`,
      [workspaceId, ids[3]],
    );
    await sql(em(), `update messages set sent_at = sent_at + interval '1 day' where id = ?`, [ids[4]]);
    await sql(em(), 'delete from messages where id = ?', [ids[5]]);
    const before = await staleCount();
    await sql(em(), 'update messages set attempts = attempts + 1 where id = ?', [ids[6]]);
    expect(await staleCount()).toBe(before);

    ({ stored, fromLedger } = await storedAndFromLedger());
    expect(stored).not.toEqual(fromLedger);
    // Six writes, each touching one hour; the moved message touched two.
    expect(await refreshWorkspaceRollups(em(), workspaceId)).toBeLessThanOrEqual(7);
    ({ stored, fromLedger } = await storedAndFromLedger());
    expect(stored).toEqual(fromLedger);
  });

  it('stay exact with writers and refreshes running at once', async () => {
    let writing = true;
    const refresher = (async () => {
      let rounds = 0;
      while (writing) {
        await refreshMessageRollups(em());
        rounds++;
      }
      return rounds;
    })();
    await Promise.all([writeMessages(60, 11), writeMessages(60, 12), writeMessages(60, 13)]);
    writing = false;
    expect(await refresher).toBeGreaterThan(0);
    await refreshWorkspaceRollups(em(), workspaceId);
    const { stored, fromLedger } = await storedAndFromLedger();
    expect(stored).toEqual(fromLedger);
  });

  it('survive a refresh killed mid-update: nothing is half-written and the next refresh does the work', async () => {
    await writeMessages(20, 21);
    const staleBefore = await staleCount();
    const storedBefore = (await storedAndFromLedger()).stored;
    // Hold the rollup table, so the refresh stops after taking its stale hours; then kill its connection.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table message_rollups in access exclusive mode');
      const refresh = refreshWorkspaceRollups(em(), workspaceId).then(
        () => 'finished',
        (error: Error) => `failed: ${error.message}`,
      );
      let pid: number | undefined;
      for (let i = 0; i < 100 && !pid; i++) {
        // Activity statistics are a snapshot per transaction: take a fresh one each time.
        await holder.query('select pg_stat_clear_snapshot()');
        const waiting = await holder.query<{ pid: number }>(
          `select pid from pg_stat_activity where wait_event_type = 'Lock' and query like '%message_rollups%'`,
        );
        pid = waiting.rows[0]?.pid;
        if (!pid) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(pid).toBeDefined();
      await holder.query('select pg_terminate_backend($1)', [pid]);
      expect(await refresh).toMatch(/^failed/);
      await holder.query('rollback');
    } finally {
      await holder.end();
    }
    expect(await staleCount()).toBe(staleBefore);
    expect((await storedAndFromLedger()).stored).toEqual(storedBefore);
    await refreshWorkspaceRollups(em(), workspaceId);
    const { stored, fromLedger } = await storedAndFromLedger();
    expect(stored).toEqual(fromLedger);
  });
});
