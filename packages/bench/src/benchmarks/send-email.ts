import { campaignWorkflowId } from '@switchboard/campaigns';
import { bareSinkTransport, startCountingSink, type CountingSink } from '../data/counting-smtp-sink.ts';
import { FROM, prerenderedEmail, rssMb, startCampaignStack } from '../campaign-stack.ts';
import { benchLine } from '../measure.ts';

export interface SendEmailOptions {
  repoRoot: string;
  contacts: number;
  /** Messages the bare nodemailer ceiling sends (its rate does not depend on the count). */
  ceilingContacts: number;
  poolSize: number;
}

async function waitFor(sink: CountingSink, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (sink.received() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** The ceiling: one pre-rendered, DKIM-signed (per message) email sent N times through a bare nodemailer pool. */
async function bareNodemailer(
  sink: CountingSink,
  n: number,
  poolSize: number,
  dkim: { domainName: string; keySelector: string; privateKey: string },
  message: { subject: string; html: string; text: string },
) {
  const transport = bareSinkTransport(sink, poolSize, dkim);
  sink.reset();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: poolSize * 4 }, async () => {
      while (next++ < n)
        await transport.sendMail({ from: FROM, to: `person${next}@example.org`, ...message });
    }),
  );
  await waitFor(sink, n, 60_000);
  transport.close();
  return n / ((performance.now() - started) / 1000);
}

/**
 * send-email: a real campaign to N contacts through the whole product path — the campaign workflow on Temporal, the
 * worker process's batch activities, gate and ledger, Liquid over the precompiled template, tracking rewrite, DKIM,
 * pooled SMTP — into a counting sink; against bare nodemailer sending one pre-rendered DKIM-signed message N times.
 */
export async function sendEmail(options: SendEmailOptions): Promise<string> {
  const sink = await startCountingSink();
  const stack = await startCampaignStack({
    repoRoot: options.repoRoot,
    smtpPort: sink.port,
    smtpPoolSize: options.poolSize,
  });
  try {
    const listId = await stack.audience(options.contacts);
    const worker = stack.startWorker();
    // The ceiling's message: the same template, compiled and rendered once.
    const rendered = await prerenderedEmail(stack);
    const dkim = await stack.dkimKey();
    const ceiling = await bareNodemailer(sink, options.ceilingContacts, options.poolSize, dkim, rendered);

    sink.reset();
    // Memory before the campaign (the worker has bundled its workflows and connected) and at its peak during.
    const startRss = (await rssMb(worker.pid!)) ?? 0;
    let peakRss = startRss;
    const sampler = setInterval(() => {
      void rssMb(worker.pid!).then((mb) => (peakRss = Math.max(peakRss, mb ?? 0)));
    }, 500);
    const started = performance.now();
    const campaignId = await stack.send(listId, 'Benchmark');
    // An hour, or longer for audiences this machine cannot send to in one (a 1M run here sends ≈ 260/s).
    await stack.waitUntilSent(campaignId, Math.max(60 * 60_000, (options.contacts / 150) * 1000));
    await waitFor(sink, options.contacts, 60_000);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const project = options.contacts / seconds;

    let historyEvents = 0;
    let runs = 0;
    for await (const run of stack.client.workflow.list({
      query: `WorkflowId = '${campaignWorkflowId(campaignId)}'`,
    })) {
      runs++;
      historyEvents += run.historyLength;
    }
    const delivered = sink.received();
    const recipients = sink.recipients();
    const duplicates = sink.recipientDuplicates() + sink.duplicates();
    console.error(
      `campaign ${project.toFixed(0)} msg/s   bare nodemailer ${ceiling.toFixed(0)} msg/s (${options.ceilingContacts} messages)   delivered ${delivered}/${options.contacts} ` +
        `to ${recipients} people, duplicates ${duplicates}   worker RSS ${startRss.toFixed(0)} → peak ${peakRss.toFixed(0)} MB   ` +
        `history ${historyEvents} events in ${runs} runs`,
    );
    if (delivered !== options.contacts || recipients !== options.contacts || duplicates !== 0)
      throw new Error(
        `Expected exactly ${options.contacts} messages, one per person; got ${delivered} to ${recipients}`,
      );
    return benchLine('send-email', project / ceiling, {
      project_msgs_per_s: project,
      ceiling_msgs_per_s: ceiling,
      contacts: options.contacts,
      ceiling_contacts: options.ceilingContacts,
      delivered,
      duplicates,
      worker_start_rss_mb: startRss,
      worker_peak_rss_mb: peakRss,
      history_events: historyEvents,
      workflow_runs: runs,
      pool: options.poolSize,
    });
  } finally {
    await stack.close();
    await sink.stop();
  }
}
