import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, temporalAddress, useTestDatabase } from '@switchboard/testkit';
import { startServerProcess, type ServerProcess } from '@switchboard/stack/processes';
import {
  markerIn,
  openAgentStream,
  postInboundSms,
  signedInAgents,
  type AgentStream,
  type SignedInAgent,
} from '@switchboard/bench/inbox';
import { repoRoot } from '../support/repo-root.ts';

/**
 * The inbox as it runs behind a load balancer: two real server processes (the production entry point) on one
 * database. An agent on one server sees what arrives on the other; a server that crashes or is redeployed while
 * agents are connected costs them nothing once they reconnect.
 */
const SECRET = 'two-servers-session-secret-'.padEnd(48, 's');
const TWILIO = {
  accountSid: `AC${'c'.repeat(32)}`,
  authToken: 'two-servers-twilio-token-01',
  from: '+15005550006',
};

const database = await useTestDatabase();
const workspaceId = await createTestWorkspace(database.db);
let agents: SignedInAgent[];
let env: Record<string, string>;
const servers: ServerProcess[] = [];
const streams: AgentStream[] = [];

const start = async (port?: number) => {
  const server = await startServerProcess({ repoRoot, env, ...(port ? { port } : {}) });
  servers.push(server);
  return server;
};

let sid = 0;
const text = async (server: ServerProcess, marker: number) => {
  const response = await postInboundSms(server.base, TWILIO.authToken, {
    sid: `SM${String(++sid).padStart(32, '0')}`,
    accountSid: TWILIO.accountSid,
    from: '+12125550177',
    to: TWILIO.from,
    body: `Is my parcel on its way? [m:${marker}]`,
  });
  expect(response.status).toBe(200);
  return performance.now();
};

const markers = (stream: AgentStream) => stream.events.flatMap((e) => markerIn(e.event).map(Number));
const ids = (stream: AgentStream) => stream.events.map((e) => e.event.id);

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  agents = await signedInAgents(database.db, workspaceId, 2, SECRET);
  env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '4',
    TEMPORAL_ADDRESS: temporalAddress(),
    TEMPORAL_TASK_QUEUE: `two-servers-${workspaceId.slice(0, 8)}`,
    SESSION_SECRET: SECRET,
    TRACKING_SECRET: SECRET,
    TWILIO_ACCOUNT_SID: TWILIO.accountSid,
    TWILIO_AUTH_TOKEN: TWILIO.authToken,
    TWILIO_FROM: TWILIO.from,
    LOG_LEVEL: 'error',
  };
}, 60_000);

afterAll(async () => {
  for (const stream of streams) stream.close();
  for (const server of servers) await server.kill();
});

describe('the inbox on two server processes', () => {
  it('reaches an agent on server A with a text that arrived on server B; after A crashes and restarts, its agents resume without a gap or a repeat; a redeploy of B closes its streams and stops promptly', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const onA = openAgentStream(a.base, agents[0]!.token);
    const onB = openAgentStream(b.base, agents[1]!.token);
    streams.push(onA, onB);
    await Promise.all([onA.opened, onB.opened]);

    const sent = await text(b, 1);
    await until(() => markers(onA).includes(1) && markers(onB).includes(1), 5_000, 'the first text on both');
    // Within a second of the webhook's answer, on the other process too.
    expect(onA.events[0]!.at - sent).toBeLessThan(1_000);
    expect(onA.events[0]!.event).toMatchObject({ kind: 'conversation.created' });
    expect(onA.events[0]!.event.id).toBe(onB.events[0]!.event.id);

    // Server A dies with its agent connected (no goodbye); three texts arrive on B meanwhile.
    await a.kill();
    await onA.ended;
    const lastSeen = onA.lastEventId();
    for (const marker of [2, 3, 4]) await text(b, marker);
    await until(() => markers(onB).includes(4), 5_000, 'B to see what arrived while A was down');

    // A comes back on the same address; the agent's screen reconnects with the last event id it saw.
    const aAgain = await start(a.port);
    const resumed = openAgentStream(aAgain.base, agents[0]!.token, { lastEventId: lastSeen! });
    streams.push(resumed);
    await until(() => markers(resumed).includes(4), 5_000, 'the missed texts after the reconnect');
    await text(aAgain, 5);
    await until(
      () => markers(resumed).includes(5) && markers(onB).includes(5),
      5_000,
      'the text to the restarted A on both',
    );
    expect(markers(resumed)).toEqual([2, 3, 4, 5]);
    expect(ids(resumed)[0]).toBeGreaterThan(Number(lastSeen));
    expect(ids(resumed)).toEqual([...ids(resumed)].sort((x, y) => x - y));
    // Both agents have seen the same changes in the same order: nothing lost, nothing twice.
    expect([...ids(onA), ...ids(resumed)]).toEqual(ids(onB));

    // A redeploy (SIGTERM) of B with an agent connected: its stream ends and the process is gone promptly.
    const stopping = performance.now();
    await b.stop();
    await onB.ended;
    expect(performance.now() - stopping).toBeLessThan(5_000);
    expect(b.child.exitCode).toBe(0);
  }, 120_000);
});
