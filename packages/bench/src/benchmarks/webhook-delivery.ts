import { createServer, request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase, type Database } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { createWebhookEndpoint, deliverDueWebhooks, internetAndPrivateTargets } from '@switchboard/webhooks';
import { freePort, startEmbeddedPostgres } from '@switchboard/stack';
import { benchLine, median } from '../measure.ts';

export interface WebhookDeliveryOptions {
  deliveries: number;
  rounds: number;
}

const IN_FLIGHT = 8;
const PER_CONTACT = 4;

/** A receiver that answers 204 and remembers the event ids and each contact's order. */
async function startReceiver() {
  const seen = new Set<string>();
  let received = 0;
  let outOfOrder = 0;
  const lastByContact = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received++;
      const id = req.headers['x-switchboard-event-id'];
      if (typeof id === 'string') {
        seen.add(id);
        const { data } = JSON.parse(body) as { data: { contactId: string; seq: number } };
        if ((lastByContact.get(data.contactId) ?? -1) > data.seq) outOfOrder++;
        lastByContact.set(data.contactId, data.seq);
      }
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    reset() {
      seen.clear();
      lastByContact.clear();
      received = 0;
      outOfOrder = 0;
    },
    counts: () => ({ received, unique: seen.size, outOfOrder }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The ceiling: the same number of JSON POSTs to the same receiver, IN_FLIGHT at a time, no database. */
async function bareHttp(port: number, n: number): Promise<number> {
  const body = JSON.stringify({ id: 'e', type: 'contact.updated', data: { contactId: 'c', seq: 0 } });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < n)
        await new Promise<void>((resolve, reject) => {
          const outgoing = request(
            {
              host: '127.0.0.1',
              port,
              path: '/hooks',
              method: 'POST',
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
            },
            (response) => {
              response.resume();
              response.on('end', resolve);
            },
          );
          outgoing.on('error', reject);
          outgoing.end(body);
        });
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Queues n deliveries for the endpoint, PER_CONTACT per contact in sequence, as triggers would. */
async function queue(db: Database, endpointId: string, workspaceId: string, n: number) {
  const contacts = Math.ceil(n / PER_CONTACT);
  await sql(
    db.fork(),
    `insert into webhook_deliveries (endpoint_id, workspace_id, event_id, type, contact_id, payload, next_attempt_at, created_at)
     select ?, ?, gen_random_uuid(), 'contact.updated', c.id,
       jsonb_build_object('contactId', c.id, 'seq', g / ?::int, 'changed', '["last_name"]'::jsonb,
         'contact', jsonb_build_object('email', 'ana' || g || '@example.com', 'firstName', 'Ana', 'lastName', 'Lima')),
       now(), now()
     from generate_series(0, ?::int - 1) g
     cross join lateral (select ('00000000-0000-4000-8000-' || lpad((g % ?::int)::text, 12, '0'))::uuid as id) c
     order by g`,
    [endpointId, workspaceId, contacts, n, contacts],
  );
}

/**
 * webhook-delivery: N queued deliveries (default 20k; four per contact, which must arrive in order) delivered by
 * the production activity — head selection, HMAC signing, SSRF-vetted POSTs 8 at a time, outcomes written to the
 * log — against a bare Node HTTP client POSTing the same number of JSON bodies 8 at a time to the same receiver.
 */
export async function webhookDelivery(options: WebhookDeliveryOptions): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-webhook-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  const receiver = await startReceiver();
  try {
    await pg.createDatabase('bench');
    const db = await openDatabase({ url: pg.urlFor('bench'), poolMax: 20 });
    try {
      await migrateDatabase(db);
      const [workspace] = await sql<{ id: string }>(
        db.fork(),
        `insert into workspaces (id, slug, name, postal_address, default_locale, created_at)
         values (gen_random_uuid(), 'bench', 'Bench', 'Bench St 1', 'en', now()) returning id`,
      );
      const target = `127.0.0.1:${receiver.port}`;
      const { id: endpointId } = await createWebhookEndpoint(
        db.fork(),
        workspace!.id,
        { url: `http://${target}/hooks`, description: 'bench', eventTypes: ['contact.updated'] },
        { type: 'cli', id: null, label: 'bench' },
        [target],
      );
      const project: number[] = [];
      const ceiling: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        await sql(db.fork(), 'delete from webhook_deliveries');
        await queue(db, endpointId, workspace!.id, options.deliveries);
        receiver.reset();
        const started = performance.now();
        for (;;) {
          const result = await deliverDueWebhooks(
            {
              db,
              transport: internetAndPrivateTargets([target]),
              concurrency: IN_FLIGHT,
              budgetMs: 3_600_000,
            },
            endpointId,
          );
          if (result.state !== 'active' || !result.more) break;
        }
        project.push(options.deliveries / ((performance.now() - started) / 1000));
        const counts = receiver.counts();
        if (
          counts.unique !== options.deliveries ||
          counts.received !== options.deliveries ||
          counts.outOfOrder > 0
        )
          throw new Error(
            `Expected ${options.deliveries} deliveries once each in order; got ${counts.received} (${counts.unique} unique, ${counts.outOfOrder} out of order)`,
          );
        receiver.reset();
        ceiling.push(options.deliveries / (await bareHttp(receiver.port, options.deliveries)));
      }
      const projectRate = median(project);
      const ceilingRate = median(ceiling);
      const table = [
        `webhook-delivery (median of ${options.rounds} rounds, ${options.deliveries} deliveries, ${IN_FLIGHT} in flight)`,
        `  ceiling  bare HTTP POSTs               ${ceilingRate.toFixed(0).padStart(7)} /s`,
        `  project  signed, vetted, logged, ordered ${projectRate.toFixed(0).padStart(5)} /s`,
      ].join('\n');
      return `${table}\n${benchLine('webhook-delivery', projectRate / ceilingRate, {
        deliveries_s: projectRate,
        ceiling_s: ceilingRate,
        deliveries: options.deliveries,
      })}`;
    } finally {
      await db.close();
    }
  } finally {
    await receiver.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
