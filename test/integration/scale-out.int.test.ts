import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { Membership, User } from '@switchboard/db';
import { freePort } from '@switchboard/stack/processes';
import { startCampaignStack, type CampaignStack } from '@switchboard/bench/campaign-stack';
import { startCountingSink, type CountingSink } from '@switchboard/bench/counting-sink';
import { repoRoot } from '../support/repo-root.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy.ts';

/**
 * The documented production topology, tested: two server processes and two worker processes (the production entry
 * points, configured only by their environment) on one PostgreSQL and one Temporal server, behind a round-robin
 * load balancer. Each worker sends through its own SMTP peer, so the peers show who sent what.
 */
const RECIPIENTS = 10_000;
const PASSWORD = 'scale-out-password-1';

let stack: CampaignStack;
let proxy: RoundRobinProxy;
let servers: string[];
const sinks: CountingSink[] = [];
/** Every recipient across both peers, with how many messages they got. */
const received = new Map<string, number>();
const workers: ReturnType<CampaignStack['startWorker']>[] = [];
let key: string;

async function until(
  what: string | (() => Promise<string>),
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Distinct worker processes polling the task queue for activities (Temporal's own view of the deployment). */
async function activityPollers() {
  const answer = await stack.client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: stack.taskQueue },
    taskQueueType: 2, // TASK_QUEUE_TYPE_ACTIVITY
  });
  return new Set((answer.pollers ?? []).map((p) => p.identity)).size;
}

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${proxy.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

beforeAll(async () => {
  for (let i = 0; i < 2; i++)
    sinks.push(
      await startCountingSink((to) => {
        for (const address of to) received.set(address, (received.get(address) ?? 0) + 1);
      }),
    );
  stack = await startCampaignStack({ repoRoot, smtpPort: sinks[0]!.port, temporalInMemory: true });
  const proxyPort = await freePort();
  const publicUrl = `http://127.0.0.1:${proxyPort}`;
  // As documented: every process gets the same secrets; servers know their public address and trust the proxy.
  servers = await Promise.all(
    [0, 1].map(() => stack.startServer({ PUBLIC_URL: publicUrl, TRUST_PROXY: 'true' })),
  );
  proxy = await startRoundRobinProxy(servers, proxyPort);
  for (const sink of sinks)
    workers.push(
      stack.startWorker({
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        // Slow enough that the campaign is still going when a worker dies.
        EMAIL_RATE_PER_SECOND: '300',
        PUBLIC_URL: publicUrl,
      }),
    );
  key = await stack.apiKey(['contacts:write', 'events:write', 'campaigns:read', 'campaigns:send']);
  await until('both workers to poll', async () => (await activityPollers()) === 2, 120_000);
}, 240_000);

afterAll(async () => {
  await proxy?.stop();
  await stack?.close();
  for (const sink of sinks) await sink.stop();
});

describe('two servers and two workers behind a load balancer', () => {
  it('spreads ingestion over both servers and loses none of it', async () => {
    const people = Array.from({ length: 200 }, (_, i) => `lb-${i}@example.org`);
    // Eight clients at a time, as an integration pushing its backlog would.
    for (let start = 0; start < people.length; start += 8)
      await Promise.all(
        people.slice(start, start + 8).map(async (email) => {
          const identify = await api('POST', '/identify', { email, firstName: 'Load' });
          expect(identify.status).toBe(201);
          const track = await api('POST', '/track', {
            email,
            event: 'signed_up',
            messageId: `signup-${email}`,
          });
          expect(track.status).toBe(200);
        }),
      );
    const [a, b] = proxy.served();
    expect(a).toBeGreaterThanOrEqual(200);
    expect(b).toBeGreaterThanOrEqual(200);
    const [counts] = await sql<{ contacts: string; events: string }>(
      stack.db.fork(),
      `select (select count(*) from contacts where workspace_id = ? and email like 'lb-%') as contacts,
         (select count(*) from events where workspace_id = ? and name = 'signed_up') as events`,
      [stack.workspaceId, stack.workspaceId],
    );
    expect(counts).toEqual({ contacts: '200', events: '200' });
  });

  it('keeps a sign-in valid on both servers', async () => {
    const em = stack.db.fork();
    const user = em.create(User, {
      id: randomUUID(),
      email: `owner-${randomUUID().slice(0, 8)}@acme.example`,
      name: 'Olga Owner',
      passwordHash: await hashPassword(PASSWORD),
    });
    em.create(Membership, { id: randomUUID(), workspace: stack.workspaceId, user: user.id, role: 'owner' });
    await em.flush();

    const signIn = await fetch(`${proxy.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy.url },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = /sb_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeTruthy();
    const { csrfToken } = ((await signIn.json()) as { result: { data: { csrfToken: string } } }).result.data;
    for (const server of servers) {
      const me = await fetch(`${server}/trpc/auth.me`, { headers: { cookie: cookie! } });
      const body = (await me.json()) as { result: { data: { user: { email: string } } | null } };
      expect(body.result.data?.user.email).toBe(user.email);
      // A change made with the CSRF token the other server issued.
      const changed = await fetch(`${server}/trpc/auth.setLocale`, {
        method: 'POST',
        headers: {
          cookie: cookie!,
          'content-type': 'application/json',
          origin: proxy.url,
          'x-csrf-token': csrfToken,
        },
        body: JSON.stringify({ locale: 'zh-CN' }),
      });
      expect(changed.status).toBe(200);
    }
  });

  it('sends a campaign with both workers; one dies mid-campaign, the other finishes and nobody gets two', async () => {
    const listId = await stack.audience(RECIPIENTS);
    const created = await api('POST', '/campaigns', {
      name: 'Scale-out newsletter',
      channel: 'email',
      segmentId: listId,
      variants: [{ key: 'A', templateId: stack.templateId }],
    });
    expect(created.status).toBe(201);
    const { campaign } = (await created.json()) as { campaign: { id: string } };
    expect((await api('POST', `/campaigns/${campaign.id}/send`)).status).toBe(202);

    const total = () => sinks[0]!.received() + sinks[1]!.received();
    const state = async () => {
      const [row] = await sql<{ status: string; by_status: unknown }>(
        stack.db.fork(),
        `select c.status, (select jsonb_object_agg(status, n) from (select status, count(*) as n from messages
           where source_kind = 'campaign' and source_id = c.id::text group by status) s) as by_status
         from campaigns c where id = ?`,
        [campaign.id],
      );
      return `peers ${sinks.map((s) => s.received()).join(' + ')}; campaign ${JSON.stringify(row)}`;
    };
    await until(
      () => state().then((now) => `both workers to have sent part of the campaign (${now})`),
      () => sinks.every((s) => s.received() > 0) && total() >= RECIPIENTS * 0.25,
      120_000,
    );
    const beforeKill = sinks.map((s) => s.received());
    // Still mid-campaign, or the kill proves nothing.
    expect(total()).toBeLessThan(RECIPIENTS * 0.9);
    await stack.killWorker('SIGKILL', workers[0]);

    // The survivor takes over the dead worker's batch once its heartbeat is missed, and finishes.
    await until(
      () => state().then((now) => `the campaign to finish on the surviving worker (${now})`),
      async () => {
        const answer = await api('GET', `/campaigns/${campaign.id}`);
        const { campaign: now } = (await answer.json()) as { campaign: { status: string } };
        if (['failed', 'cancelled'].includes(now.status)) throw new Error(`The campaign ended ${now.status}`);
        return now.status === 'sent';
      },
      180_000,
    );
    const [outcome] = await sql<{ sent: string; unknown: string; all: string }>(
      stack.db.fork(),
      `select count(*) filter (where status = 'sent') as sent,
         count(*) filter (where status = 'failed' and error_code = 'outcome_unknown') as unknown, count(*) as all
       from messages where source_kind = 'campaign' and source_id = ?`,
      [campaign.id],
    );
    const sent = Number(outcome!.sent);
    const unknown = Number(outcome!.unknown);
    console.info(
      `scale-out: worker A sent ${sinks[0]!.received()} (${beforeKill[0]} before it was killed), worker B ${sinks[1]!.received()}; ${unknown} unknown outcomes of ${RECIPIENTS}, ${received.size - sent} of them arrived`,
    );
    expect(Number(outcome!.all)).toBe(RECIPIENTS);
    // Nobody twice, across both workers' peers.
    expect([...received.values()].filter((n) => n > 1)).toEqual([]);
    // Every message recorded as sent arrived once. What the killed worker had handed to its peer but not yet recorded
    // (results are written 50 at a time) is an unknown outcome: some arrived, some did not, none is risked twice.
    expect(sent + unknown).toBe(RECIPIENTS);
    expect(unknown).toBeLessThanOrEqual(140);
    expect(received.size).toBeGreaterThanOrEqual(sent);
    expect(received.size).toBeLessThanOrEqual(sent + unknown);
    expect(sinks[1]!.received()).toBeGreaterThan(beforeKill[1]!);
  }, 330_000);
});
