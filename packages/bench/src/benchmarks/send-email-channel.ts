import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Database } from '@switchboard/db';
import { createSmtpEmailSender, type DkimKey } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import {
  deliverBatch,
  saveMessagingPolicy,
  DEFAULT_POLICY,
  SendingSettingsCache,
  type DeliveryDeps,
} from '@switchboard/messaging';
import { freePort, startEmbeddedPostgres } from '@switchboard/stack';
import { bareSinkTransport, startCountingSink, type CountingSink } from '../data/counting-smtp-sink.ts';
import { benchLine, median } from '../measure.ts';

export interface SendEmailChannelOptions {
  messages: number;
  rounds: number;
  poolSize: number;
}

const HTML = `<!doctype html><html><body style="font-family:sans-serif">
<h1>Winter sale, {{ contact.first_name | default: 'friend' }}</h1><p>Everything in the shop is 20% off this week.</p>
<p><a href="https://shop.example.com/sale?utm_source=email">Shop the sale</a> ·
<a href="https://shop.example.com/new">New arrivals</a> · <a href="https://shop.example.com/account">Your account</a></p>
<p>Acme Shop, Hauptstraße 1, 10115 Berlin</p><p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></body></html>`;

const BATCH = 500;

async function inParallel<T>(ids: T[], concurrency: number, work: (id: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) await work(ids[next++]!);
    }),
  );
}

async function waitFor(sink: CountingSink, count: number) {
  const deadline = Date.now() + 60_000;
  while (sink.received() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

/** The ceiling: nodemailer's pool sending one pre-rendered message N times, DKIM-signed per message when asked. */
async function bareNodemailer(sink: CountingSink, n: number, poolSize: number, dkim: DkimKey | undefined) {
  const transport = bareSinkTransport(sink, poolSize, dkim);
  sink.reset();
  const started = performance.now();
  await inParallel(
    Array.from({ length: n }, (_, i) => String(i)),
    poolSize * 4,
    () =>
      transport.sendMail({
        from: 'Acme <news@acme.example>',
        to: 'someone@example.org',
        subject: 'Winter sale',
        html: HTML,
        text: 'Everything in the shop is 20% off this week.',
      }),
  );
  await waitFor(sink, n);
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return n / seconds;
}

async function seed(db: Database, n: number) {
  const em = db.fork();
  const workspaceId = randomUUID();
  await sql(
    em,
    `insert into workspaces (id, slug, name, postal_address, created_at)
     values (?, ?, 'Acme Shop', 'Acme Shop, Hauptstraße 1, 10115 Berlin', now())`,
    [workspaceId, `bench-${workspaceId.slice(0, 8)}`],
  );
  // Caps off: the benchmark sends every contact one message per round.
  await saveMessagingPolicy(em, workspaceId, { ...DEFAULT_POLICY, frequencyCap: { count: 0, days: 7 } });
  await sql(
    em,
    `insert into contacts (id, workspace_id, email, first_name, created_at, updated_at)
     select gen_random_uuid(), ?, 'person' || i || '@example.org', 'Person ' || i, now(), now()
     from generate_series(1, ?) i`,
    [workspaceId, n],
  );
  await sql(
    em,
    `insert into consents (contact_id, channel, topic, workspace_id, status, updated_at)
     select id, 'email', '', workspace_id, 'opted_in', now() from contacts where workspace_id = ?`,
    [workspaceId],
  );
  return workspaceId;
}

/** What a campaign batch does before sending: one ledger row per recipient, in one statement. */
async function enqueueRound(db: Database, workspaceId: string, round: string): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    db.fork(),
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, channel, purpose,
       content, status, created_at, updated_at)
     select gen_random_uuid(), workspace_id, id, 'bench:' || ? || ':' || id, 'campaign', ?, 'email', 'marketing',
       ?::jsonb, 'queued', now(), now()
     from contacts where workspace_id = ? returning id`,
    [round, round, JSON.stringify({ kind: 'email', subject: 'Winter sale', html: HTML }), workspaceId],
  );
  return rows.map((r) => r.id);
}

/**
 * send-email (channel path): batched ledger claims + gate + Liquid personalisation + compliance footer + tracking rewrite + DKIM + pooled SMTP for N
 * queued messages, against a bare nodemailer pool sending one pre-rendered message N times into the same counting
 * sink, with and without DKIM. The sink must receive exactly N per run with no duplicate message ids.
 */
export async function sendEmailChannel(options: SendEmailChannelOptions): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-send-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  const sink = await startCountingSink();
  const lines: string[] = [];
  try {
    await pg.createDatabase('bench');
    const db = await openDatabase({ url: pg.urlFor('bench'), poolMax: 20 });
    try {
      await migrateDatabase(db);
      const workspaceId = await seed(db, options.messages);
      const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      });
      const dkim: DkimKey = { domainName: 'acme.example', keySelector: 'bench', privateKey };
      for (const signed of [false, true]) {
        const sender = createSmtpEmailSender({
          url: `smtp://127.0.0.1:${sink.port}`,
          poolSize: options.poolSize,
          from: 'Acme <news@acme.example>',
          ...(signed ? { dkim } : {}),
        });
        const deps: DeliveryDeps = {
          db,
          channels: { email: sender },
          email: {
            baseUrl: 'https://sb.acme.example',
            trackingSecret: 'bench-tracking-secret-'.padEnd(48, 'b'),
            defaultFrom: 'Acme <news@acme.example>',
            inboundDomain: 'in.acme.example',
            textCache: new Map(),
          },
          smsStatusCallbackUrl: null,
          // As the worker's delivery activities run it.
          settingsCache: new SendingSettingsCache(),
        };
        const project: number[] = [];
        const ceiling: number[] = [];
        let delivered = 0;
        let duplicates = 0;
        for (let round = 0; round < options.rounds; round++) {
          ceiling.push(
            await bareNodemailer(sink, options.messages, options.poolSize, signed ? dkim : undefined),
          );
          const ids = await enqueueRound(db, workspaceId, `${signed ? 'dkim' : 'plain'}-${round}`);
          sink.reset();
          const started = performance.now();
          // As campaign batch activities do: a few batches at once, each claimed and recorded as a whole.
          const batches = Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, i) =>
            ids.slice(i * BATCH, (i + 1) * BATCH),
          );
          await inParallel(batches, 2, async (batch) => {
            for (const [id, outcome] of await deliverBatch(deps, batch))
              if (outcome.outcome !== 'sent') throw new Error(`Message ${id}: ${JSON.stringify(outcome)}`);
          });
          await waitFor(sink, ids.length);
          project.push(ids.length / ((performance.now() - started) / 1000));
          delivered = sink.received();
          duplicates = sink.duplicates();
          if (delivered !== ids.length || duplicates !== 0)
            throw new Error(
              `Sink received ${delivered} (${duplicates} duplicates) for ${ids.length} messages`,
            );
        }
        sender.close();
        const p = median(project);
        const c = median(ceiling);
        console.error(
          `${signed ? 'DKIM   ' : 'no DKIM'}  project ${p.toFixed(0)} msg/s   bare nodemailer ${c.toFixed(0)} msg/s   ` +
            `delivered ${delivered}/${options.messages}, duplicates ${duplicates}`,
        );
        lines.push(
          benchLine(signed ? 'send-email-channel' : 'send-email-channel-nodkim', p / c, {
            project_msgs_per_s: p,
            ceiling_msgs_per_s: c,
            messages: options.messages,
            delivered,
            duplicates,
            pool: options.poolSize,
          }),
        );
      }
    } finally {
      await db.close();
    }
  } finally {
    await sink.stop();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}
