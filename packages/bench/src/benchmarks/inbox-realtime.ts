import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { receiveInboundChat } from '@switchboard/messaging';
import { freePort, stopChild, waitForPort } from '@switchboard/stack';
import { startBenchStack } from '../bench-stack.ts';
import { benchLine, paced, percentile } from '../measure.ts';
import { markerIn, openAgentStream, openEventStream, type AgentStream } from '../inbox/agent-stream.ts';
import { postInboundSms, signedInAgents } from '../inbox/inbox-fixture.ts';

const TWILIO = {
  accountSid: `AC${'b'.repeat(32)}`,
  authToken: 'bench-twilio-auth-token-0001',
  from: '+15005550006',
};
const SENDERS_PER_CHANNEL = 100;
const PROBE = 9_000_000;

export interface InboxRealtimeOptions {
  repoRoot: string;
  agents: number;
  rate: number;
  seconds: number;
}

/** Per stream, when each marker arrived, and how many arrived twice. */
class Arrivals {
  readonly at = new Map<number, number>();
  duplicates = 0;
  record(marker: number, when: number) {
    if (this.at.has(marker)) this.duplicates++;
    else this.at.set(marker, when);
  }
}

interface PhaseResult {
  latencies: number[];
  accepted: number;
  refused: number;
  lost: number;
  duplicated: number;
}

/** Latency of every accepted marker on every stream (0 when the event beat the webhook's answer). */
function measure(accepted: Map<number, number>, streams: Arrivals[], refused: number): PhaseResult {
  const latencies: number[] = [];
  let lost = 0;
  for (const stream of streams)
    for (const [marker, answeredAt] of accepted) {
      const arrived = stream.at.get(marker);
      if (arrived === undefined) lost++;
      else latencies.push(Math.max(0, arrived - answeredAt));
    }
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    accepted: accepted.size,
    refused,
    lost,
    duplicated: streams.reduce((sum, s) => sum + s.duplicates, 0),
  };
}

async function waitFor(done: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

const everyStreamHas = (streams: Arrivals[], markers: Iterable<number>) => {
  const wanted = [...markers];
  return streams.every((s) => wanted.every((m) => s.at.has(m)));
};

/**
 * 20 agents on SSE across two real server processes; 50 inbound messages/s for 60 s, half through the Twilio inbound
 * webhook (alternating servers), half through the WeChat gateway (Wechaty with its mock puppet, storing through
 * the same `receiveInboundChat` the worker runs). Latency: the webhook's 200 (or the gateway's stored message) →
 * the event on every agent's stream. Ceiling: a bare LISTEN/NOTIFY → SSE relay (two processes, the same clients,
 * rate and duration), fed by an insert + pg_notify per message.
 */
export async function inboxRealtime(options: InboxRealtimeOptions): Promise<string> {
  const stack = await startBenchStack(options.repoRoot, {
    servers: 2,
    env: {
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_FROM: TWILIO.from,
    },
  });
  // Wechaty is loaded only by the benchmark that plays the gateway.
  const { startWechatyGateway } = await import('@switchboard/channels/wechaty');
  const { createSandboxWechat } = await import('@switchboard/sandbox/wechat');
  const wechat = createSandboxWechat();
  const gateway = await startWechatyGateway({ name: 'bench-inbox', puppet: wechat.puppet });
  const streams: AgentStream[] = [];
  try {
    const total = Math.round(options.rate * options.seconds);
    const accepted = new Map<number, number>();
    let refused = 0;
    let warmedUp = 0;
    gateway.onInbound(async (message) => {
      await receiveInboundChat(stack.db.fork(), message);
      const at = performance.now();
      const marker = /\[m:(\d+)\]/.exec(message.text)?.[1];
      if (marker === undefined) warmedUp++;
      else accepted.set(Number(marker), at);
    });
    wechat.activate();
    for (let i = 0; i < SENDERS_PER_CHANNEL; i++)
      wechat.addContact({ id: `wxid_bench_${i}`, name: `Bench ${i}` });

    const phoneOf = (i: number) => `+1212555${String(1000 + (i % SENDERS_PER_CHANNEL))}`;
    const sendSms = async (k: number, text: string) => {
      const response = await postInboundSms(stack.bases[k % 2]!, TWILIO.authToken, {
        sid: `SM${String(k).padStart(32, '0')}`,
        accountSid: TWILIO.accountSid,
        from: phoneOf(k >> 1),
        to: TWILIO.from,
        body: text,
      });
      await response.arrayBuffer();
      return response.status === 200;
    };
    const send = async (k: number, text: string, marker: number | null) => {
      if (k % 2 === 1) {
        wechat.simulateInbound(`wxid_bench_${(k >> 1) % SENDERS_PER_CHANNEL}`, text);
        return;
      }
      const ok = await sendSms(k, text);
      const at = performance.now();
      if (marker === null) warmedUp++;
      else if (ok) accepted.set(marker, at);
      else refused++;
    };

    // Every sender writes once first, so contacts and conversations exist and both servers are warm.
    const warmUps = SENDERS_PER_CHANNEL * 2;
    await paced(warmUps, options.rate, (k) => send(PROBE * 2 + k, 'Hello', null));
    await waitFor(() => warmedUp >= warmUps, 30_000);

    const arrivals = Array.from({ length: options.agents }, () => new Arrivals());
    const agents = await signedInAgents(stack.db, stack.workspaceId, options.agents, stack.sessionSecret);
    agents.forEach((agent, i) => {
      const record = arrivals[i]!;
      streams.push(
        openAgentStream(stack.bases[i % 2]!, agent.token, {
          onEvent: (event, at) => markerIn(event).forEach((m) => record.record(Number(m), at)),
        }),
      );
    });
    await Promise.all(streams.map((s) => s.opened));
    await send(PROBE, `probe [m:${PROBE}]`, PROBE);
    await waitFor(() => everyStreamHas(arrivals, [PROBE]), 10_000);
    if (!everyStreamHas(arrivals, [PROBE]))
      throw new Error('inbox-realtime: the probe reached not every agent');
    accepted.delete(PROBE);
    for (const a of arrivals) a.at.delete(PROBE);

    const started = performance.now();
    await paced(total, options.rate, (k) => send(k, `Where is my order? [m:${k}]`, k));
    const sendSeconds = (performance.now() - started) / 1000;
    await waitFor(
      () => accepted.size + refused >= total && everyStreamHas(arrivals, accepted.keys()),
      15_000,
    );
    const project = measure(accepted, arrivals, refused + (total - accepted.size - refused));
    for (const s of streams) s.close();

    const ceiling = await bareRelay(stack.databaseUrl, options, total);

    const p50 = percentile(project.latencies, 50);
    const p99 = percentile(project.latencies, 99);
    const bareP50 = percentile(ceiling.latencies, 50);
    const bareP99 = percentile(ceiling.latencies, 99);
    console.error(
      `inbox-realtime: ${options.agents} agents on 2 server processes, ${project.accepted} inbound messages ` +
        `(${total / 2} Twilio webhook, ${total / 2} WeChat gateway) at ${options.rate}/s over ${sendSeconds.toFixed(0)} s: ` +
        `webhook 200 → every agent's stream p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (goal ≤ 100 / ≤ 500); ` +
        `bare LISTEN/NOTIFY → SSE relay p50 ${bareP50.toFixed(1)} ms, p99 ${bareP99.toFixed(1)} ms; ` +
        `refused ${project.refused}, lost ${project.lost}, duplicated ${project.duplicated} ` +
        `(relay: lost ${ceiling.lost}, duplicated ${ceiling.duplicated})`,
    );
    if (project.lost > 0 || project.duplicated > 0 || project.refused > 0)
      throw new Error(
        `inbox-realtime: ${project.refused} refused, ${project.lost} lost, ${project.duplicated} duplicated`,
      );
    return benchLine('inbox-realtime', bareP50 / p50, {
      p50_ms: p50,
      p99_ms: p99,
      bare_p50_ms: bareP50,
      bare_p99_ms: bareP99,
      messages: project.accepted,
      agents: options.agents,
      rate_per_s: options.rate,
      lost: project.lost,
      duplicated: project.duplicated,
    });
  } finally {
    for (const s of streams) s.close();
    await gateway.stop().catch(() => undefined);
    await stack.close();
  }
}

/** The ceiling: two bare relay processes, the same number of SSE clients, the same rate and count. */
async function bareRelay(
  databaseUrl: string,
  options: InboxRealtimeOptions,
  total: number,
): Promise<PhaseResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query('create table if not exists bare_inbound (id bigserial primary key, body text not null)');
  const ports = [await freePort(), await freePort()];
  const relays = ports.map((port) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'bare-inbox-relay/relay-server.ts')],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    ),
  );
  const streams: AgentStream[] = [];
  try {
    await Promise.all(ports.map((port) => waitForPort('127.0.0.1', port, 30_000, 'The bare relay')));
    const arrivals = Array.from({ length: options.agents }, () => new Arrivals());
    for (let i = 0; i < options.agents; i++) {
      const record = arrivals[i]!;
      streams.push(
        openEventStream(`http://127.0.0.1:${ports[i % 2]}/`, {
          onEvent: (event, at) => markerIn(event).forEach((m) => record.record(Number(m), at)),
        }),
      );
    }
    await Promise.all(streams.map((s) => s.opened));
    const accepted = new Map<number, number>();
    const store = async (k: number) => {
      const body = `Where is my order? [m:${k}]`;
      await pool.query(
        `with stored as (insert into bare_inbound (body) values ($1) returning id)
         select pg_notify('bench_relay', $2) from stored`,
        [
          body,
          JSON.stringify({ id: k, kind: 'entry.created', payload: { entries: [{ kind: 'inbound', body }] } }),
        ],
      );
      accepted.set(k, performance.now());
    };
    await store(PROBE);
    await waitFor(() => everyStreamHas(arrivals, [PROBE]), 10_000);
    accepted.delete(PROBE);
    for (const a of arrivals) a.at.delete(PROBE);
    await paced(total, options.rate, store);
    await waitFor(() => everyStreamHas(arrivals, accepted.keys()), 15_000);
    return measure(accepted, arrivals, 0);
  } finally {
    for (const s of streams) s.close();
    for (const relay of relays) await stopChild(relay);
    await pool.end();
  }
}
