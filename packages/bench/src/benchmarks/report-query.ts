import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, Workspace } from '@switchboard/db';
import { freePort, startEmbeddedPostgres } from '@switchboard/stack';
import {
  attributionFor,
  funnelFor,
  overviewFor,
  refreshWorkspaceRollups,
  OVERVIEW_COUNTS,
  type ChannelOverview,
} from '@switchboard/analytics';
import { benchLine, median } from '../measure.ts';
import { generateAudience } from '../data/audience-sql.ts';
import { generateLedger } from '../data/ledger-sql.ts';

export interface ReportBenchOptions {
  rounds: number;
  contacts: number;
  events: number;
  messages: number;
}

const DAY = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The channel overview written by hand over the same rollups, the fastest found: per channel and source, the period's
 * and the previous period's sums in one pass (channels and sources are sums of these); the days in a second query.
 */
const HAND_CHANNELS = `
  select channel, source_kind, source_id, hour >= $1 as current,
    sum(sent) as sent, sum(delivered) as delivered, sum(bounced) as bounced, sum(human_opened) as "humanOpens",
    sum(machine_opened) as "machineOpens", sum(clicked) as "uniqueClicks", sum(clicks) as clicks,
    sum(replied) as replied, sum(unsubscribed) as unsubscribed, sum(complained) as complained
  from message_rollups where workspace_id = $2 and hour >= $3 and hour < $4 group by 1, 2, 3, 4`;
const HAND_DAYS = `
  select date_trunc('day', hour, 'UTC') as day, sum(sent) as sent, sum(delivered) as delivered,
    sum(human_opened) as opened, sum(clicked) as clicked
  from message_rollups where workspace_id = $1 and hour >= $2 and hour < $3 group by 1 order by 1`;

/** The period's channel counts straight from the ledger: what the rollups must equal. */
const RAW_CHANNELS = `
  select m.channel, count(*) as sent,
    count(*) filter (where m.status = 'bounced') as bounced,
    count(*) filter (where e.human) as "humanOpens",
    count(*) filter (where e.clicks > 0) as "uniqueClicks",
    coalesce(sum(e.clicks), 0) as clicks
  from messages m
  left join lateral (
    select bool_or(me.kind in ('opened', 'clicked') and not me.machine) as human,
      count(*) filter (where me.kind = 'clicked' and not me.machine) as clicks
    from message_events me where me.message_id = m.id) e on true
  where m.workspace_id = $1 and m.sent_at >= $2 and m.sent_at < $3
  group by 1`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function rounds<T>(n: number, fn: () => Promise<T>): Promise<{ p50: number; value: T }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < n; i++) {
    const run = await timed(fn);
    times.push(run.ms);
    value = run.value;
  }
  return { p50: median(times), value: value! };
}

/** Hand-written queries go straight to PostgreSQL on their own pool, as a hand-tuned report service would. */
function query(pool: pg.Pool) {
  return async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[];
}

/**
 * report-query: the Reports page's channel overview (90 days) and six-model attribution (30 days) over a generated
 * audience and send history, against hand-written SQL over the same rollups; the overview's counts are checked
 * against the ledger itself (timed and printed, the cost the rollups save).
 */
export async function reportQuery(options: ReportBenchOptions): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-report-bench-'));
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  try {
    await postgres.createDatabase('bench');
    const db = await openDatabase({ url: postgres.urlFor('bench'), poolMax: 4 });
    const closing: (() => Promise<void>)[] = [];
    try {
      await migrateDatabase(db);
      const em = db.fork();
      const workspace = em.create(Workspace, { id: randomUUID(), slug: 'bench', name: 'Bench' });
      await em.flush();
      const sizes = `${options.contacts.toLocaleString('en')} contacts, ${options.events.toLocaleString('en')} events, ${options.messages.toLocaleString('en')} messages`;
      console.error(`Generating ${sizes}…`);
      const generation = await timed(async () => {
        await generateAudience(db, workspace.id, options, (line) => console.error(line));
        await generateLedger(db, workspace.id, options, (line) => console.error(line));
      });
      console.error('Building the rollups of the whole history…');
      const build = await timed(() => refreshWorkspaceRollups(db.fork(), workspace.id));
      const pool = new pg.Pool({ connectionString: postgres.urlFor('bench'), max: 4 });
      closing.push(() => pool.end());
      const run = query(pool);
      // What autovacuum does after a table grows this much; the planner needs it.
      await run('analyze message_rollups', []);

      const now = Date.now();
      const overviewDays = { from: isoDay(now - 89 * DAY), to: isoDay(now) };
      const from = new Date(`${overviewDays.from}T00:00:00Z`);
      const to = new Date(new Date(`${overviewDays.to}T00:00:00Z`).getTime() + DAY);
      const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
      const product = () => overviewFor(db.fork(), workspace.id, overviewDays);
      const handWritten = () =>
        Promise.all([
          run<Record<string, string>>(HAND_CHANNELS, [from, workspace.id, previousFrom, to]),
          run<Record<string, string>>(HAND_DAYS, [workspace.id, from, to]),
        ]);
      const raw = () => run<Record<string, string>>(RAW_CHANNELS, [workspace.id, from, to]);

      // Warm-up, and the checks: the product, the hand-written query and the ledger agree.
      const ours: ChannelOverview = await product();
      const [hand] = await handWritten();
      const rawRows = await raw();
      const handTotals: Record<string, Record<string, number>> = {};
      for (const row of hand.filter((r) => String(r.current) === 'true')) {
        const sums = (handTotals[row.channel!] ??= {});
        for (const key of OVERVIEW_COUNTS) sums[key] = (sums[key] ?? 0) + Number(row[key]);
      }
      for (const [channel, sums] of Object.entries(handTotals))
        for (const key of OVERVIEW_COUNTS)
          if (sums[key] !== ours.channels[channel]!.current[key])
            throw new Error(
              `${channel} ${key}: the overview says ${ours.channels[channel]!.current[key]}, the hand-written query ${sums[key]}`,
            );
      for (const row of rawRows)
        for (const key of ['sent', 'bounced', 'humanOpens', 'uniqueClicks', 'clicks'] as const)
          if (Number(row[key]) !== ours.channels[row.channel!]!.current[key])
            throw new Error(
              `${row.channel} ${key}: the rollups say ${ours.channels[row.channel!]!.current[key]}, the ledger ${row[key]}`,
            );
      const overviewOurs = await rounds(options.rounds, product);
      const overviewHand = await rounds(options.rounds, handWritten);
      const overviewRaw = await rounds(1, raw);
      const funnel = await rounds(options.rounds, () => funnelFor(db.fork(), workspace.id, overviewDays));

      const attributionDays = { from: isoDay(now - 29 * DAY), to: isoDay(now) };
      const attribution = () => attributionFor(db.fork(), workspace.id, attributionDays);
      // The first report keeps every contact's touches for its kinds (once per workspace and set of kinds).
      const first = await timed(attribution);
      const warm = first.value;
      const attributionOurs = await rounds(options.rounds, attribution);
      // Credited per campaign or journey, the per-channel counts do not serve: every touch of the period is read.
      const bySource = await rounds(options.rounds, () =>
        attributionFor(db.fork(), workspace.id, { ...attributionDays, by: 'source' }),
      );
      const all = ours.channels.all!.current;
      const credits = Object.entries(warm.models.markov ?? {})
        .map(([key, value]) => `${key} ${Math.round(value).toLocaleString('en')}`)
        .join(', ');
      const ratio = overviewHand.p50 / overviewOurs.p50;
      const table = [
        `report-query (${sizes}; generated in ${(generation.ms / 1000).toFixed(0)} s; rollups of the history built in ${(build.ms / 1000).toFixed(1)} s, ${build.value.toLocaleString('en')} hours; median of ${options.rounds})`,
        `  overview, 90 days: ${all.sent.toLocaleString('en')} sent, ${all.humanOpens.toLocaleString('en')} opened by people, ${all.uniqueClicks.toLocaleString('en')} clicked — rollups = hand-written = ledger`,
        `  ceiling  hand-written SQL over the rollups   p50 ${overviewHand.p50.toFixed(0).padStart(6)} ms`,
        `  project  analytics.overview                  p50 ${overviewOurs.p50.toFixed(0).padStart(6)} ms   goal ratio ≥ 0.67 and ≤ 1000 ms`,
        `  context  the same counts from the ledger          ${overviewRaw.p50.toFixed(0).padStart(6)} ms`,
        `  context  analytics.funnel (clicked, then bought: ${(funnel.value.clickedThenConverted ?? 0).toLocaleString('en')}; raw tables, asked apart) p50 ${funnel.p50.toFixed(0)} ms`,
        `  attribution, 30 days, six models: ${warm.conversions.toLocaleString('en')} conversions (${warm.direct.toLocaleString('en')} direct), ${warm.unconvertedPaths.toLocaleString('en')} paths without one; Markov: ${credits}`,
        `  project  analytics.attribution               p50 ${attributionOurs.p50.toFixed(0).padStart(6)} ms   goal ≤ 1000 ms`,
        `  context  analytics.attribution by campaign/journey  p50 ${bySource.p50.toFixed(0).padStart(6)} ms`,
        `  context  the first attribution report, keeping every contact's touches once  ${(first.ms / 1000).toFixed(1)} s`,
      ].join('\n');
      return [
        table,
        benchLine('report-query', ratio, {
          overview_p50_ms: overviewOurs.p50,
          ceiling_p50_ms: overviewHand.p50,
          ledger_ms: overviewRaw.p50,
          funnel_p50_ms: funnel.p50,
          attribution_p50_ms: attributionOurs.p50,
          attribution_first_s: first.ms / 1000,
          attribution_by_source_p50_ms: bySource.p50,
          rollup_build_s: build.ms / 1000,
          contacts: options.contacts,
          events: options.events,
          messages: options.messages,
        }),
      ].join('\n');
    } finally {
      for (const close of closing) await close();
      await db.close();
    }
  } finally {
    await postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
