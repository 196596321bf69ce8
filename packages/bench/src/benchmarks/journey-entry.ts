import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { sql } from '@switchboard/contacts';
import { startSandboxPeers } from '@switchboard/sandbox';
import { startCountingSink, type CountingSink } from '../data/counting-smtp-sink.ts';
import {
  prerenderedEmail,
  rssMb,
  startCampaignStack,
  twilioPeerEnv,
  type CampaignStack,
} from '../campaign-stack.ts';
import { benchContacts, enrolAll, publishBenchJourney } from '../journey-setup.ts';
import { benchLine } from '../measure.ts';
import { cpuByPart, cpuSplit } from '../cpu-time.ts';
import { startBareWorker } from './bare-journey/bare-worker.ts';

export interface JourneyEntryOptions {
  repoRoot: string;
  contacts: number;
  poolSize: number;
  /** The wait between the email and the SMS (the minute). */
  waitSeconds?: number;
}

async function waitFor(sink: CountingSink, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (sink.received() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** Runs `task` for 0…n-1, at most `limit` at a time. */
async function each(n: number, limit: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** The ceiling: a bare workflow per id, each with one activity sending the pre-rendered email to the same sink. */
async function bareWorkflows(
  stack: CampaignStack,
  sink: CountingSink,
  n: number,
  poolSize: number,
  message: object,
) {
  const bare = await startBareWorker(stack, { queueSuffix: 'bare', sink, poolSize, message });
  const taskQueue = bare.taskQueue;
  sink.reset();
  const parts = cpuSplit();
  await parts.start();
  const started = performance.now();
  await each(n, 64, (i) =>
    stack.client.workflow.start('bareSendWorkflow', {
      workflowId: `bare-${stack.taskQueue}-${i}`,
      taskQueue,
      args: [`bare.p${i}@example.org`],
    }),
  );
  await waitFor(sink, n, 10 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuByPart(await parts.stop(), n);
  await bare.stop();
  return { perSecond: n / seconds, cpu };
}

/** Temporal actions (starts, signals, activities, local activities, timers) and history events of some instances. */
export async function historyCost(client: Client, workflowIds: string[]) {
  let actions = 0;
  let events = 0;
  const types = proto.temporal.api.enums.v1.EventType;
  const counted = new Set<number>([
    types.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
    types.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
    types.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
    types.EVENT_TYPE_MARKER_RECORDED,
    types.EVENT_TYPE_TIMER_STARTED,
    types.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
  ]);
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    for (const event of history.events ?? []) {
      events++;
      if (event.eventType !== null && event.eventType !== undefined && counted.has(event.eventType))
        actions++;
    }
  }
  return { actions: actions / workflowIds.length, events: events / workflowIds.length };
}

/**
 * journey-entry: N contacts enter "send email → wait → send SMS" at once (as a segment entry enrols them) through
 * the real worker process; time until all N emails are in the sink, against bare workflows sending the same
 * pre-rendered email. Prints the worker's memory while the N instances wait, and the history cost per instance.
 */
export async function journeyEntry(options: JourneyEntryOptions): Promise<string> {
  const sink = await startCountingSink();
  const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  const stack = await startCampaignStack({
    repoRoot: options.repoRoot,
    smtpPort: sink.port,
    smtpPoolSize: options.poolSize,
    temporalInMemory: true,
    workerEnv: twilioPeerEnv(peers),
  });
  try {
    const n = options.contacts;
    const waitSeconds = options.waitSeconds ?? 60;
    const journeyId = await publishBenchJourney(stack, { waitSeconds });
    const contacts = await benchContacts(stack, n, 'entry');
    const worker = stack.startWorker();
    const bare = await bareWorkflows(stack, sink, n, options.poolSize, await prerenderedEmail(stack));
    const ceiling = bare.perSecond;

    sink.reset();
    const startRss = (await rssMb(worker.pid!)) ?? 0;
    const parts = cpuSplit();
    await parts.start();
    const started = performance.now();
    await enrolAll(stack, journeyId, contacts);
    const enrolledSeconds = (performance.now() - started) / 1000;
    await waitFor(sink, n, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    // Until the last email: that includes the SMS of every instance whose minute passed before it.
    const cpu = cpuByPart(await parts.stop(), n);
    const project = n / seconds;
    // Every instance now waits before its SMS: the worker's memory with N instances waiting.
    let waitingRss = 0;
    for (let i = 0; i < 10; i++) {
      waitingRss = Math.max(waitingRss, (await rssMb(worker.pid!)) ?? 0);
      await new Promise((r) => setTimeout(r, 500));
    }
    const delivered = sink.received();
    const duplicates = sink.recipientDuplicates() + sink.duplicates();
    // A sample of instances, after their SMS: what each costs in Temporal.
    const sample = await sql<{ workflow_id: string; id: string }>(
      stack.db.fork(),
      `select workflow_id, id from journey_instances where journey_id = ? order by random() limit 20`,
      [journeyId],
    );
    const deadline = Date.now() + (waitSeconds + 120) * 1000;
    for (;;) {
      const [row] = await sql<{ open: string }>(
        stack.db.fork(),
        `select count(*) as open from journey_instances where id = any(?::uuid[]) and status = 'active'`,
        [`{${sample.map((s) => s.id).join(',')}}`],
      );
      if (Number(row?.open) === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const cost = await historyCost(
      stack.client,
      sample.map((s) => s.workflow_id),
    );
    const texts = peers.sms.length;
    console.error(
      `journey ${project.toFixed(0)} entries/s (all ${n} admitted and started in ${enrolledSeconds.toFixed(1)} s)   ` +
        `bare workflows ${ceiling.toFixed(0)}/s   CPU ms per entry by part: ${cpu} (bare, per workflow: ${bare.cpu})   delivered ${delivered}/${n}, duplicates ${duplicates}   ` +
        `worker RSS ${startRss.toFixed(0)} → ${waitingRss.toFixed(0)} MB with ${n} instances waiting   ` +
        `per instance: ${cost.actions.toFixed(1)} Temporal actions, ${cost.events.toFixed(1)} history events   SMS so far ${texts}`,
    );
    if (delivered !== n || duplicates !== 0)
      throw new Error(`Expected exactly ${n} emails, one per person; got ${delivered}`);
    return benchLine('journey-entry', project / ceiling, {
      project_entries_per_s: project,
      ceiling_workflows_per_s: ceiling,
      contacts: n,
      delivered,
      duplicates,
      worker_start_rss_mb: startRss,
      worker_rss_waiting_mb: waitingRss,
      temporal_actions_per_instance: cost.actions,
      history_events_per_instance: cost.events,
      pool: options.poolSize,
    });
  } finally {
    await stack.close();
    await sink.stop();
    await peers.stop();
  }
}
