import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import { DEFAULT_POLICY, saveMessagingPolicy } from '@switchboard/messaging';
import { startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { startCampaignStack, twilioPeerEnv, type CampaignStack } from '@switchboard/bench/campaign-stack';
import { startCountingSink, type CountingSink } from '@switchboard/bench/counting-sink';
import { benchContacts, enrolAll, publishBenchJourney } from '@switchboard/bench/journey-setup';
import { repoRoot } from '../support/repo-root.ts';

// RELIABILITY.md 4 for journeys: the real worker process SIGKILLed while instances run "email → wait → SMS".
// The size is a flag so a release run can use the 10,000.
const INSTANCES = Number(process.env.JOURNEY_FAULT_INSTANCES ?? 1_000);

let sink: CountingSink;
let peers: SandboxPeers;
let stack: CampaignStack;

beforeAll(async () => {
  sink = await startCountingSink();
  peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  stack = await startCampaignStack({
    repoRoot,
    smtpPort: sink.port,
    temporalInMemory: true,
    workerEnv: twilioPeerEnv(peers),
  });
  stack.startWorker();
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await sink?.stop();
  await peers?.stop();
});

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('journeys under faults (real worker process)', () => {
  it(
    'SIGKILL of the worker while instances run: every instance completes, no message twice',
    async () => {
      const journeyId = await publishBenchJourney(stack, { waitSeconds: 5 });
      const contacts = await benchContacts(stack, INSTANCES, 'fault');
      await enrolAll(stack, journeyId, contacts);
      // Budgets grow with the size: a release run of 10,000 enters at a few dozen a second on two cores.
      await until(
        'a third of the emails are out',
        () => sink.received() >= INSTANCES / 3,
        Math.max(300_000, INSTANCES * 60),
      );
      await stack.killWorker('SIGKILL');
      stack.startWorker();

      const statuses = async () =>
        Object.fromEntries(
          (
            await sql<{ status: string; n: string }>(
              stack.db.fork(),
              'select status, count(*) as n from journey_instances where journey_id = ? group by status',
              [journeyId],
            )
          ).map((r) => [r.status, Number(r.n)]),
        );
      await until(
        'every instance has ended',
        async () => (await statuses()).active === undefined,
        Math.max(600_000, INSTANCES * 120),
      );
      expect(await statuses()).toEqual({ completed: INSTANCES });

      // One ledger row per step and contact; each delivered once, or (in flight when the process died) reported as an
      // unknown outcome and never resent: a duplicate is worse than a gap.
      const messages = await sql<{ channel: string; status: string; error_code: string | null; n: string }>(
        stack.db.fork(),
        `select channel, status, error_code, count(*) as n from messages where journey_version_id is not null
       group by channel, status, error_code`,
      );
      const count = (channel: string, status: string) =>
        messages
          .filter((m) => m.channel === channel && m.status === status)
          .reduce((n, m) => n + Number(m.n), 0);
      const all = (channel: string) =>
        messages.filter((m) => m.channel === channel).reduce((n, m) => n + Number(m.n), 0);
      expect(all('email')).toBe(INSTANCES);
      expect(all('sms')).toBe(INSTANCES);
      expect(sink.recipientDuplicates()).toBe(0);
      expect(sink.duplicates()).toBe(0);
      const unknownOf = (channel: string) =>
        messages
          .filter((m) => m.channel === channel && m.error_code === 'outcome_unknown')
          .reduce((n, m) => n + Number(m.n), 0);
      // The sink may hold an email whose send the killed process never recorded (its row says unknown, not resent).
      expect(sink.received()).toBeGreaterThanOrEqual(count('email', 'sent'));
      expect(sink.received()).toBeLessThanOrEqual(count('email', 'sent') + unknownOf('email'));
      const texted = peers.sms.map((m) => m.to);
      expect(new Set(texted).size).toBe(texted.length);
      const smsSent = count('sms', 'sent') + count('sms', 'delivered');
      expect(texted.length).toBeGreaterThanOrEqual(smsSent);
      expect(texted.length).toBeLessThanOrEqual(smsSent + unknownOf('sms'));
      expect(count('email', 'sent') + unknownOf('email')).toBe(INSTANCES);
      expect(smsSent + unknownOf('sms')).toBe(INSTANCES);
      const unknown = unknownOf('email') + unknownOf('sms');
      expect(unknown).toBeLessThanOrEqual(40);
      console.info(
        `journey SIGKILL: ${INSTANCES} instances completed; ${sink.received()} emails, ${texted.length} SMS, ` +
          `${unknown} email outcomes unknown, 0 duplicates`,
      );
    },
    Math.max(900_000, INSTANCES * 200),
  );

  it('the frequency cap holds across a journey and a campaign sending to the same people at once', async () => {
    // One marketing message a day: whichever of the two comes second for a contact is held back by the gate.
    await saveMessagingPolicy(stack.db.fork(), stack.workspaceId, {
      ...DEFAULT_POLICY,
      frequencyCap: { count: 1, days: 1 },
    });
    // The worker reads sending settings through a short-lived cache.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const people = 300;
    const listId = await stack.audience(people);
    const contacts = (
      await sql<{ contact_id: string }>(
        stack.db.fork(),
        'select contact_id from segment_members where segment_id = ?',
        [listId],
      )
    ).map((r) => r.contact_id);
    expect(contacts).toHaveLength(people);
    const journeyId = await publishBenchJourney(stack, { waitSeconds: 1, emailPurpose: 'marketing' });
    const before = sink.received();

    const [campaignId] = await Promise.all([
      stack.send(listId, 'Cap test'),
      enrolAll(stack, journeyId, contacts),
    ]);
    await stack.waitUntilSent(campaignId, 300_000);
    await until(
      'every journey instance has ended',
      async () => {
        const [row] = await sql<{ n: string }>(
          stack.db.fork(),
          `select count(*) as n from journey_instances where journey_id = ? and status = 'active'`,
          [journeyId],
        );
        return Number(row?.n) === 0;
      },
      300_000,
    );

    const perContact = await sql<{ sent: string; capped: string }>(
      stack.db.fork(),
      `select count(*) filter (where m.status = 'sent') as sent,
              count(*) filter (where m.status = 'suppressed' and m.error_code = 'frequency_cap') as capped
       from messages m where m.channel = 'email' and m.contact_id = any(?::uuid[])
       group by m.contact_id`,
      [contacts],
    );
    expect(perContact).toHaveLength(people);
    expect(perContact.filter((r) => Number(r.sent) !== 1)).toEqual([]);
    expect(perContact.filter((r) => Number(r.capped) !== 1)).toEqual([]);
    expect(sink.received() - before).toBe(people);
    expect(sink.recipientDuplicates()).toBe(0);
    const [sources] = await sql<{ journey: string; campaign: string }>(
      stack.db.fork(),
      `select count(*) filter (where source_kind = 'journey') as journey,
              count(*) filter (where source_kind = 'campaign') as campaign
       from messages where channel = 'email' and status = 'sent' and contact_id = any(?::uuid[])`,
      [contacts],
    );
    console.info(
      `frequency cap across a journey and a campaign: ${people} contacts, ${people} emails sent ` +
        `(${sources?.journey} by the journey, ${sources?.campaign} by the campaign), ${people} held back`,
    );
  }, 600_000);
});
