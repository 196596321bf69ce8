import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import { startCampaignStack, type CampaignStack } from '@switchboard/bench/campaign-stack';
import { startCountingSink, type CountingSink } from '@switchboard/bench/counting-sink';
import { repoRoot } from '../support/repo-root.ts';

// RELIABILITY.md items 1–3: the real worker process, PostgreSQL and a file-backed Temporal server, each failing
// mid-campaign. Sizes are flags so a release run can use the full 20k.
const KILL_RECIPIENTS = Number(process.env.FAULT_RECIPIENTS ?? 20_000);
const OUTAGE_RECIPIENTS = Number(process.env.FAULT_OUTAGE_RECIPIENTS ?? 4_000);

let sink: CountingSink;
let stack: CampaignStack;

beforeAll(async () => {
  sink = await startCountingSink();
  stack = await startCampaignStack({ repoRoot, smtpPort: sink.port });
  stack.startWorker();
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await sink?.stop();
});

async function whenSinkReaches(count: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (sink.received() < count) {
    if (Date.now() > deadline) throw new Error(`The sink has ${sink.received()} of ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function outcomes(campaignId: string) {
  const rows = await sql<{ status: string; error_code: string | null; n: string }>(
    stack.db.fork(),
    `select status, error_code, count(*) as n from messages where source_kind = 'campaign' and source_id = ?
     group by status, error_code`,
    [campaignId],
  );
  const count = (status: string, code?: string) =>
    rows
      .filter((r) => r.status === status && (code === undefined || r.error_code === code))
      .reduce((n, r) => n + Number(r.n), 0);
  return {
    sent: count('sent'),
    unknown: count('failed', 'outcome_unknown'),
    all: rows.reduce((n, r) => n + Number(r.n), 0),
  };
}

describe('campaigns under faults (real worker process)', () => {
  it('1: SIGKILL of the worker mid-campaign, then a new worker: never two messages to one person', async () => {
    sink.reset();
    const listId = await stack.audience(KILL_RECIPIENTS);
    const id = await stack.send(listId, 'Killed mid-send');
    await whenSinkReaches(Math.floor(KILL_RECIPIENTS * 0.3));
    await stack.killWorker('SIGKILL');
    stack.startWorker();
    await stack.waitUntilSent(id, 300_000);
    const result = await outcomes(id);
    expect(sink.recipientDuplicates()).toBe(0);
    expect(sink.duplicates()).toBe(0);
    // Every recipient is accounted for: delivered, or (claimed in the killed process's last moment) reported as an
    // unknown outcome and not resent — a duplicate is worse than a gap.
    expect(result.all).toBe(KILL_RECIPIENTS);
    expect(result.sent + result.unknown).toBe(KILL_RECIPIENTS);
    // Of the unknown outcomes, those the sink accepted before the kill arrived (once); the rest never did.
    expect(sink.received()).toBeGreaterThanOrEqual(result.sent);
    expect(sink.received()).toBeLessThanOrEqual(result.sent + result.unknown);
    // At most what two in-flight batches can have on the wire (20 each) or accepted but not yet recorded (50 each).
    expect(result.unknown).toBeLessThanOrEqual(140);
    console.info(
      `SIGKILL: ${result.sent} delivered, ${result.unknown} unknown outcomes of ${KILL_RECIPIENTS}`,
    );
  }, 420_000);

  it('2: the SMTP server down for 30 s mid-campaign: sends back off and resume, exactly one each', async () => {
    sink.reset();
    const listId = await stack.audience(OUTAGE_RECIPIENTS);
    const id = await stack.send(listId, 'SMTP outage');
    await whenSinkReaches(Math.floor(OUTAGE_RECIPIENTS * 0.3));
    await sink.pause();
    const during = sink.received();
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    expect(sink.received()).toBe(during);
    await sink.resume();
    await stack.waitUntilSent(id, 300_000);
    const result = await outcomes(id);
    expect(sink.recipientDuplicates()).toBe(0);
    expect(result.sent + result.unknown).toBe(OUTAGE_RECIPIENTS);
    expect(sink.received()).toBe(result.sent);
    console.info(
      `SMTP outage: ${result.sent} delivered, ${result.unknown} unknown outcomes of ${OUTAGE_RECIPIENTS}`,
    );
  }, 420_000);

  it('3: PostgreSQL and then the Temporal server restart mid-campaign: the campaign completes, no duplicates', async () => {
    for (const restart of ['postgres', 'temporal'] as const) {
      sink.reset();
      const listId = await stack.audience(OUTAGE_RECIPIENTS);
      const id = await stack.send(listId, `${restart} restart`);
      await whenSinkReaches(Math.floor(OUTAGE_RECIPIENTS * 0.3));
      if (restart === 'postgres') await stack.restartPostgres(3_000);
      else await stack.restartTemporal(3_000);
      await stack.waitUntilSent(id, 300_000);
      const result = await outcomes(id);
      expect(sink.recipientDuplicates()).toBe(0);
      expect(result.sent + result.unknown).toBe(OUTAGE_RECIPIENTS);
      expect(sink.received()).toBe(result.sent);
      console.info(
        `${restart} restart: ${result.sent} delivered, ${result.unknown} unknown outcomes of ${OUTAGE_RECIPIENTS}`,
      );
    }
  }, 600_000);
});
