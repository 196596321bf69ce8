import proto from '@temporalio/proto';
import { sql } from '@switchboard/contacts';
import { startSandboxPeers } from '@switchboard/sandbox';
import { startCountingSink } from '../data/counting-smtp-sink.ts';
import {
  prerenderedEmail,
  rssMb,
  startCampaignStack,
  twilioPeerEnv,
  type CampaignStack,
} from '../campaign-stack.ts';
import { benchContacts, enrolAll, publishBenchJourney } from '../journey-setup.ts';
import { benchLine, paced, percentile } from '../measure.ts';
import { cpuByPart, cpuMeter, cpuSplit } from '../cpu-time.ts';
import { startBareWorker } from './bare-journey/bare-worker.ts';

export interface JourneyTriggerOptions {
  repoRoot: string;
  /** Instances waiting for `purchase` (the 10,000). */
  waiting: number;
  /** Events tracked per second in all (the goal's 50), and for how long. */
  rate: number;
  /**
   * The share of them that are purchases (0 < share ≤ 1). The others are unrelated events to other waiting
   * contacts, which must not be signalled.
   */
  purchaseShare: number;
  seconds: number;
  poolSize: number;
}

/** Resolves with each recipient's arrival time (performance.now()) as the sink receives it. */
function arrivals() {
  const at = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  return {
    record(recipients: string[]) {
      const now = performance.now();
      for (const to of recipients) {
        at.set(to, now);
        waiters.get(to)?.(now);
      }
    },
    of(to: string, timeoutMs: number): Promise<number | null> {
      const known = at.get(to);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        waiters.set(to, (t) => {
          clearTimeout(timer);
          resolve(t);
        });
      });
    },
  };
}

/**
 * The ceiling: bare workflows waiting for a signal, signalled directly at the purchases' rate, each then sending the
 * rendered email.
 */
async function bareSignalLatencies(
  stack: CampaignStack,
  sink: Awaited<ReturnType<typeof startCountingSink>>,
  seen: ReturnType<typeof arrivals>,
  options: JourneyTriggerOptions & { purchaseRate: number },
  message: object,
): Promise<{ latencies: number[]; cpu: string }> {
  const n = Math.round(options.purchaseRate * options.seconds);
  const bare = await startBareWorker(stack, {
    queueSuffix: 'bare-trigger',
    sink,
    poolSize: options.poolSize,
    message,
  });
  const taskQueue = bare.taskQueue;
  const id = (i: number) => `bare-trigger-${stack.taskQueue}-${i}`;
  for (let i = 0; i < n; i += 64)
    await Promise.all(
      Array.from({ length: Math.min(64, n - i) }, (_, k) =>
        stack.client.workflow.start('bareWaitThenSendWorkflow', {
          workflowId: id(i + k),
          taskQueue,
          args: [`bare.t${i + k}@example.org`],
        }),
      ),
    );
  await new Promise((r) => setTimeout(r, 2000));
  const latencies: number[] = [];
  const parts = cpuSplit();
  await parts.start();
  await paced(n, options.purchaseRate, async (i) => {
    await stack.client.workflow.getHandle(id(i)).signal('go');
    const answered = performance.now();
    const arrived = await seen.of(`bare.t${i}@example.org`, 30_000);
    if (arrived !== null) latencies.push(arrived - answered);
  });
  // The bare worker runs in this process: its share is under "bench".
  const used = await parts.stop();
  await bare.stop();
  return { latencies: latencies.sort((a, b) => a - b), cpu: cpuByPart(used, n) };
}

/** How many signals the histories of these workflows hold. */
async function signalsIn(stack: CampaignStack, workflowIds: string[]): Promise<number> {
  const signalled = proto.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED;
  let count = 0;
  for (const id of workflowIds) {
    const history = await stack.client.workflow.getHandle(id).fetchHistory();
    count += (history.events ?? []).filter((e) => e.eventType === signalled).length;
  }
  return count;
}

/** Diagnosis: buyers' histories after their signal, each event with ms since the purchase was stored. */
async function printTimeline(stack: CampaignStack, workflowId: string) {
  const [stored] = await sql<{ ms: number }>(
    stack.db.fork(),
    `select extract(epoch from e.received_at) * 1000 as ms from events e
     join journey_instances i on i.contact_id = e.contact_id and i.workflow_id = ? where e.name = 'purchase'`,
    [workflowId],
  );
  const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
  const names = proto.temporal.api.enums.v1.EventType;
  const events = history.events ?? [];
  const ms = (e: (typeof events)[number]) =>
    Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);
  const signal = events.find((e) => e.eventType === names.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
  if (!signal) return;
  const origin = stored ? Number(stored.ms) : ms(signal);
  console.error(`${workflowId}:`);
  for (const e of events.filter((e) => ms(e) >= ms(signal)))
    console.error(
      `  +${Math.round(ms(e) - origin)} ms ${names[e.eventType!]}`,
      e.workflowExecutionFailedEventAttributes?.failure?.message ??
        e.workflowTaskFailedEventAttributes?.failure?.message ??
        '',
    );
}

/**
 * journey-trigger: N instances wait for `purchase`; purchases are tracked through `POST /api/v1/track` on the real
 * server process at a steady rate, mixed with unrelated events to other waiting contacts (`purchaseShare`). Measures
 * the time from the API's answer to the instance's email in the sink (p50, p99), against bare workflows signalled
 * directly; checks that no instance was signalled by an event it does not wait for; prints the worker's memory
 * with N instances waiting.
 */
export async function journeyTrigger(options: JourneyTriggerOptions): Promise<string> {
  const seen = arrivals();
  const sink = await startCountingSink((recipients) => seen.record(recipients));
  const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  const stack = await startCampaignStack({
    repoRoot: options.repoRoot,
    smtpPort: sink.port,
    smtpPoolSize: options.poolSize,
    temporalInMemory: true,
    workerEnv: twilioPeerEnv(peers),
  });
  try {
    if (!(options.purchaseShare > 0 && options.purchaseShare <= 1))
      throw new Error(`--purchaseShare must be above 0 and at most 1, not ${options.purchaseShare}`);
    const purchaseRate = options.rate * options.purchaseShare;
    const unrelatedRate = options.rate - purchaseRate;
    const events = Math.round(purchaseRate * options.seconds);
    const unrelated = Math.round(unrelatedRate * options.seconds);
    if (events + unrelated > options.waiting)
      throw new Error(
        `Need at least ${events + unrelated} waiting instances for ${events} purchases and ${unrelated} others`,
      );
    const journeyId = await publishBenchJourney(stack, { waitSeconds: 3600, waitFor: 'purchase' });
    const contacts = await benchContacts(stack, options.waiting, 'trigger');
    const worker = stack.startWorker();
    const base = await stack.startServer();
    const key = await stack.apiKey(['events:write']);

    const enrolStarted = performance.now();
    await enrolAll(stack, journeyId, contacts);
    for (;;) {
      const [row] = await sql<{ n: string }>(
        stack.db.fork(),
        `select count(*) as n from journey_waits w join journey_instances i on i.id = w.instance_id
         where i.journey_id = ? and w.event_name = 'purchase'`,
        [journeyId],
      );
      if (Number(row!.n) >= options.waiting) break;
      if (performance.now() - enrolStarted > 60 * 60_000) throw new Error(`Only ${row!.n} instances waiting`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const enrolSeconds = (performance.now() - enrolStarted) / 1000;
    // The planner's statistics, as autovacuum has them in a running product a minute after such a burst: with the
    // tables' sizes unknown, lookups by instance plan as scans (seen here as PostgreSQL's CPU per purchase doubling).
    await sql(stack.db.fork(), 'analyze journey_instances, journey_waits, journey_step_events, contacts');
    let waitingRss = 0;
    for (let i = 0; i < 10; i++) {
      waitingRss = Math.max(waitingRss, (await rssMb(worker.pid!)) ?? 0);
      await new Promise((r) => setTimeout(r, 500));
    }

    const { latencies: ceiling, cpu: bareCpu } = await bareSignalLatencies(
      stack,
      sink,
      seen,
      { ...options, purchaseRate },
      await prerenderedEmail(stack),
    );

    // Buyers are the first `events` contacts; the next `unrelated` get an unrelated event, spread between purchases.
    const track = async (contactId: string, event: string) => {
      const res = await fetch(`${base}/api/v1/track`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contactId, event, properties: { sku: 'SB-PRO' } }),
      });
      if (!res.ok) throw new Error(`track answered ${res.status}: ${await res.text()}`);
    };
    const latencies: number[] = [];
    let missing = 0;
    const cpu = cpuMeter(worker.pid);
    const cpuParts = cpuSplit();
    await cpu.start();
    await cpuParts.start();
    // Unrelated events go out on their own pace beside the purchases.
    const noise = unrelated
      ? paced(unrelated, unrelatedRate, (i) => track(contacts[events + i]!, 'product_viewed'))
      : Promise.resolve();
    await paced(events, purchaseRate, async (i) => {
      await track(contacts[i]!, 'purchase');
      const answered = performance.now();
      const arrived = await seen.of(`trigger.p${i + 1}@example.org`, 30_000);
      if (arrived === null) missing++;
      else latencies.push(arrived - answered);
    });
    await noise;
    latencies.sort((a, b) => a - b);
    // Every email is in (or timed out): the work the purchases caused is done.
    const used = await cpu.stop();
    const parts = cpuByPart(await cpuParts.stop(), events);
    const perPurchase = (ms: number | null) => (ms === null ? NaN : ms / events);

    const sample = async (from: number) =>
      (
        await sql<{ workflow_id: string }>(
          stack.db.fork(),
          `select workflow_id from journey_instances where journey_id = ? and contact_id = any(?::uuid[])`,
          [journeyId, `{${contacts.slice(from, from + 20).join(',')}}`],
        )
      ).map((r) => r.workflow_id);
    const strayed = await signalsIn(stack, await sample(events));
    const buyerSignals = await signalsIn(stack, await sample(0));
    if (process.env.BENCH_TIMELINE)
      for (const id of (await sample(Math.floor(events / 2))).slice(0, 1)) await printTimeline(stack, id);
    const duplicates = sink.recipientDuplicates() + sink.duplicates();

    // Where the time goes: event stored → the instance took the signal (dispatcher + Temporal) → the email step ended.
    const [split] = await sql<{ signalled_ms: number; sent_ms: number }>(
      stack.db.fork(),
      `select percentile_cont(0.5) within group (order by extract(epoch from (r.at - e.received_at)) * 1000)
                as signalled_ms,
              percentile_cont(0.5) within group (order by extract(epoch from (m.at - e.received_at)) * 1000)
                as sent_ms
       from events e
       join journey_instances i on i.contact_id = e.contact_id and i.journey_id = ?
       join journey_step_events r on r.instance_id = i.id and r.node_id = 'wait' and r.outcome = 'received'
       join journey_step_events m on m.instance_id = i.id and m.node_id = 'email' and m.outcome = 'sent'
       where e.name = 'purchase'`,
      [journeyId],
    );
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const bareP50 = percentile(ceiling, 50);
    const bareP99 = percentile(ceiling, 99);
    console.error(
      `journey-trigger: ${options.waiting} waiting (set up in ${enrolSeconds.toFixed(0)} s), ${events} purchases at ` +
        `${purchaseRate}/s and ${unrelated} unrelated events at ${unrelatedRate}/s (${options.rate} events/s) via POST ` +
        `/api/v1/track: API answer → email p50 ` +
        `${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms (goal ≤ 500 / ≤ 2000); bare signal → email p50 ` +
        `${bareP50.toFixed(0)} ms, p99 ${bareP99.toFixed(0)} ms (CPU per signal by part: ${bareCpu}); stored → signal taken p50 ` +
        `${Number(split?.signalled_ms).toFixed(0)} ms, → email step done ${Number(split?.sent_ms).toFixed(0)} ms; missing ${missing}, duplicates ${duplicates}; ` +
        `signals in 20 non-buyers' histories ${strayed}, in 20 buyers' ${buyerSignals}; CPU per purchase (with ` +
        `its share of unrelated events): machine ${perPurchase(used.machineMs).toFixed(1)} ms, worker ` +
        `${perPurchase(used.processMs).toFixed(1)} ms (by part: ${parts}); worker RSS ` +
        `${waitingRss.toFixed(0)} MB with ${options.waiting} instances waiting`,
    );
    if (missing > 0 || duplicates > 0 || strayed > 0)
      throw new Error(
        `journey-trigger: ${missing} missing, ${duplicates} duplicates, ${strayed} stray signals`,
      );
    return benchLine('journey-trigger', bareP50 / p50, {
      p50_ms: p50,
      p99_ms: p99,
      bare_p50_ms: bareP50,
      bare_p99_ms: bareP99,
      stored_to_signal_p50_ms: Number(split?.signalled_ms),
      stored_to_sent_p50_ms: Number(split?.sent_ms),
      waiting: options.waiting,
      events,
      rate_per_s: options.rate,
      purchases_per_s: purchaseRate,
      stray_signals: strayed,
      worker_rss_waiting_mb: waitingRss,
      machine_cpu_ms_per_purchase: perPurchase(used.machineMs),
      worker_cpu_ms_per_purchase: perPurchase(used.processMs),
      setup_s: enrolSeconds,
    });
  } finally {
    await stack.close();
    await sink.stop();
    await peers.stop();
  }
}
