import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { migrateDatabase, openDatabase, Workspace } from '@switchboard/db';
import { freePort, startEmbeddedPostgres } from '@switchboard/stack';
import { previewSegment, type SegmentGroup } from '@switchboard/segments';
import { benchLine, median } from '../measure.ts';
import { generateAudience } from '../data/audience-sql.ts';

export interface SegmentBenchOptions {
  rounds: number;
  contacts: number;
  events: number;
}

/** BENCHMARKS.md's compound segment: an attribute AND "did X ≥ 2 times in 30 days" AND NOT "clicked an email in 7 days". */
const SEGMENT: SegmentGroup = {
  kind: 'group',
  match: 'all',
  conditions: [
    { kind: 'attribute', key: 'plan', op: 'eq', value: 'pro' },
    { kind: 'event', name: 'page_viewed', op: 'did', atLeast: 2, withinDays: 30, where: [] },
    { kind: 'engagement', channel: 'email', action: 'clicked', op: 'did_not', withinDays: 7 },
  ],
};

/**
 * The same question written by hand, the fastest single query found for these indexes: per contact on the plan, an
 * index-only look for a second page view (stopping there), and an anti-join against the week's human clicks.
 */
const HAND_WRITTEN = `
  select count(*) as n from contacts c
  cross join lateral (
    select count(*) as views from (
      select 1 from events e where e.contact_id = c.id and e.name = 'page_viewed' and e.occurred_at >= ? limit 2) v) pv
  where c.workspace_id = ? and c.attributes ->> 'plan' = 'pro' and pv.views >= 2
    and not exists (
      select 1 from events e where e.workspace_id = ? and e.name = 'email_clicked' and e.occurred_at >= ?
        and e.contact_id = c.id and coalesce(e.properties ->> 'machine', 'false') <> 'true')`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * segment-count: the segment builder's live count (count plus sample, as the app asks for it) of a compound segment
 * over `contacts` / `events` generated in the same run, against a hand-written query for the same segment. Both
 * counts must agree.
 */
export async function segmentCount(options: SegmentBenchOptions): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-segment-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  try {
    await pg.createDatabase('bench');
    const db = await openDatabase({ url: pg.urlFor('bench'), poolMax: 4 });
    try {
      await migrateDatabase(db);
      const em = db.fork();
      const workspace = em.create(Workspace, { id: randomUUID(), slug: 'bench', name: 'Bench' });
      await em.flush();
      console.error(
        `Generating ${options.contacts.toLocaleString('en')} contacts and ${options.events.toLocaleString('en')} events…`,
      );
      const generation = await timed(() =>
        generateAudience(db, workspace.id, options, (line) => console.error(line)),
      );
      const knex = db.fork().getConnection().getKnex();
      const now = new Date();
      const day = 86_400_000;
      const handWritten = async () =>
        Number(
          (
            await knex.raw<{ rows: { n: string }[] }>(HAND_WRITTEN, [
              new Date(now.getTime() - 30 * day),
              workspace.id,
              workspace.id,
              new Date(now.getTime() - 7 * day),
            ])
          ).rows[0]!.n,
        );
      const product = async () => (await previewSegment(db.fork(), workspace.id, SEGMENT, { now })).count;
      // Warm-up: caches and plans, and the check that both count the same people.
      const [expected, got] = [await handWritten(), await product()];
      if (expected !== got)
        throw new Error(`The segment counted ${got} but the hand-written query ${expected}`);
      const hand: number[] = [];
      const ours: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        hand.push((await timed(handWritten)).ms);
        ours.push((await timed(product)).ms);
      }
      const handP50 = median(hand);
      const oursP50 = median(ours);
      const table = [
        `segment-count (${options.contacts.toLocaleString('en')} contacts, ${options.events.toLocaleString('en')} events generated in ${(generation.ms / 1000).toFixed(0)} s; median of ${options.rounds})`,
        `  segment  plan = pro AND page_viewed ≥ 2 in 30 days AND NOT clicked an email in 7 days → ${got.toLocaleString('en')} contacts`,
        `  ceiling  hand-written SQL                 p50 ${handP50.toFixed(0).padStart(6)} ms`,
        `  project  segment builder count + sample   p50 ${oursP50.toFixed(0).padStart(6)} ms   goal within 1.5× (ratio ≥ 0.67) and ≤ 1000 ms`,
      ].join('\n');
      return [
        table,
        benchLine('segment-count', handP50 / oursP50, {
          p50_ms: oursP50,
          ceiling_p50_ms: handP50,
          contacts: options.contacts,
          events: options.events,
          matched: got,
        }),
      ].join('\n');
    } finally {
      await db.close();
    }
  } finally {
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
