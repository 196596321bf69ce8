import { benchLine, load, loadPosts, median, type LoadResult } from '../measure.ts';
import { startBenchStack } from '../bench-stack.ts';
import type { LoadOptions } from './api-overhead.ts';

const CONTACTS = 10_000;
const BATCH = 100;

/**
 * POST /api/v1/track (one event per request) and POST /api/v1/batch (100 events per request) under load, against a
 * no-op route in the same server. Every event has a unique messageId and afterwards the database must hold exactly
 * as many events as the server accepted.
 */
export async function ingestEvents(options: LoadOptions): Promise<string> {
  const stack = await startBenchStack(options.repoRoot);
  try {
    const headers = { authorization: `Bearer ${await stack.apiKey(['events:write'])}` };
    let sequence = 0;
    const event = () => {
      const n = sequence++;
      return {
        email: `person${n % CONTACTS}@bench.test`,
        event: n % 5 === 0 ? 'order_completed' : 'page_viewed',
        messageId: `bench-${n}`,
        properties: { path: '/pricing', n },
      };
    };
    const accepted = new Set<string>();
    const single = () => {
      const e = event();
      return { body: JSON.stringify(e), keys: [e.messageId] };
    };
    const batch = () => {
      const events = Array.from({ length: BATCH }, () => ({ type: 'track', ...event() }));
      return { body: JSON.stringify({ batch: events }), keys: events.map((e) => e.messageId) };
    };
    const run = {
      noop: () => load(`${stack.base}/noop`, { seconds: options.seconds, connections: options.connections }),
      single: () =>
        loadPosts(`${stack.base}/api/v1/track`, {
          seconds: options.seconds,
          connections: options.connections,
          headers,
          body: single,
          accepted,
        }),
      batch: () =>
        loadPosts(`${stack.base}/api/v1/batch`, {
          seconds: options.seconds,
          connections: Math.min(options.connections, 8),
          headers,
          body: batch,
          accepted,
        }),
    };
    // Warm-up also creates the contacts, so the measured rounds are steady-state.
    await load(`${stack.base}/noop`, { seconds: 2, connections: options.connections });
    const warm = await loadPosts(`${stack.base}/api/v1/batch`, {
      seconds: 3,
      connections: 4,
      headers,
      body: batch,
      accepted,
    });
    const results: Record<'noop' | 'single' | 'batch', LoadResult[]> = {
      noop: [],
      single: [],
      batch: [warm],
    };
    for (let round = 0; round < options.rounds; round++) {
      results.noop.push(await run.noop());
      results.single.push(await run.single());
      results.batch.push(await run.batch());
    }
    const measuredBatch = results.batch.slice(1);
    // Lost = answered 2xx but not in the database. (Requests still in flight when a run ends are stored but not
    // counted as accepted, so totals may differ; what matters is that nothing accepted is missing.)
    const knex = stack.db.fork().getConnection().getKnex();
    const storedRows = await knex.raw<{ rows: { message_id: string }[] }>('select message_id from events');
    const storedIds = new Set(storedRows.rows.map((r) => r.message_id));
    const lost = [...accepted].filter((id) => !storedIds.has(id)).length;
    const stored = storedIds.size;
    const failed = [...results.single, ...results.batch].reduce((n, r) => n + r.errors + r.non2xx, 0);

    const noopRps = median(results.noop.map((r) => r.requestsPerSecond));
    const singleRps = median(results.single.map((r) => r.requestsPerSecond));
    const singleP99 = median(results.single.map((r) => r.p99Ms));
    const batchEventsPerSecond = median(measuredBatch.map((r) => r.requestsPerSecond * BATCH));
    const table = [
      `ingest-events (median of ${options.rounds} rounds, ${options.seconds} s each)`,
      `  ceiling  GET /noop                       ${noopRps.toFixed(0).padStart(8)} req/s     p99 ${median(results.noop.map((r) => r.p99Ms))} ms`,
      `  project  POST /api/v1/track (1 event)    ${singleRps.toFixed(0).padStart(8)} req/s     p99 ${singleP99} ms   goal ≥ 0.25 of ceiling, p99 ≤ 50 ms`,
      `  project  POST /api/v1/batch (${BATCH} events) ${batchEventsPerSecond.toFixed(0).padStart(8)} events/s  p99 ${median(measuredBatch.map((r) => r.p99Ms))} ms   goal ≥ 50,000 events/s`,
      `  accepted ${accepted.size} events, stored ${stored}, lost ${lost}, failed requests ${failed}`,
    ].join('\n');
    if (lost !== 0) throw new Error(`${table}\n${lost} accepted events are missing from the database`);
    return [
      table,
      benchLine('ingest-events', singleRps / noopRps, {
        req_s: singleRps,
        ceiling_req_s: noopRps,
        p99_ms: singleP99,
        lost,
        failed,
      }),
      benchLine('ingest-events-batch', batchEventsPerSecond / 50_000, {
        events_s: batchEventsPerSecond,
        goal_events_s: 50_000,
        lost,
        failed,
      }),
    ].join('\n');
  } finally {
    await stack.close();
  }
}
