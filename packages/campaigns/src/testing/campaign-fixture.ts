import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Actor } from '@switchboard/accounts';
import { createSmtpEmailSender, type EmailSender } from '@switchboard/channels';
import { sql } from '@switchboard/contacts';
import { createTemplate, publishTemplate, saveDraft, starterDocument } from '@switchboard/content';
import { startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { addToStaticList, findOrCreateStaticList } from '@switchboard/segments';
import {
  createTestWorkspace,
  temporalAddress,
  useTestDatabase,
  type TestDatabase,
} from '@switchboard/testkit';
import type { CampaignActivityDeps } from '../activities/campaign-activities.ts';
import { temporalCampaignControl, type CampaignControl } from '../campaign-control.ts';
import { getCampaign } from '../store/campaign-store.ts';
import { startCampaignWorker } from './campaign-worker.ts';

export const fixtureActor: Actor = { type: 'cli', id: null, label: 'campaign test' };

export interface CampaignFixture {
  database: TestDatabase;
  peers: SandboxPeers;
  deps: CampaignActivityDeps;
  control: CampaignControl;
  workspaceId: string;
  templateId: string;
  taskQueue: string;
  em(): ReturnType<TestDatabase['db']['fork']>;
  /** A static list of `count` new contacts (first names Reader1…), tagged so the sink's mail can be told apart. */
  audience(
    name: string,
    count: number,
    attributes?: (i: number) => Record<string, unknown>,
  ): Promise<{ listId: string; tag: string }>;
  /** Mail the sandbox SMTP peer received for that audience. */
  caughtFor(tag: string): ReturnType<SandboxPeers['smtp']['list']>;
  until<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms?: number): Promise<T>;
  statusOf(campaignId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A workspace with a published email template, the sandbox's SMTP peer as the far side, and a Temporal worker running
 * the production campaign and delivery code against it. `smtpUrl` points the sender elsewhere (outage tests).
 */
export async function startCampaignFixture(
  options: { smtpUrl?: string; now?: () => Date } = {},
): Promise<CampaignFixture> {
  const database = await useTestDatabase();
  const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  const workspaceId = await createTestWorkspace(database.db);
  const em = () => database.db.fork();

  const email: EmailSender = createSmtpEmailSender({
    url: options.smtpUrl ?? peers.smtpUrl,
    poolSize: 2,
    from: 'Acme <news@acme.example>',
  });
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const taskQueue = `campaigns-${randomUUID()}`;
  const deps: CampaignActivityDeps = {
    db: database.db,
    channels: { email },
    email: {
      baseUrl: 'https://sb.acme.example',
      trackingSecret: 'campaign-test-tracking-secret-'.padEnd(48, 'c'),
      defaultFrom: 'Acme <news@acme.example>',
      inboundDomain: null,
    },
    smsStatusCallbackUrl: null,
    ...(options.now ? { now: options.now } : {}),
    temporal: { client, queues: { taskQueue, chatTaskQueue: `${taskQueue}-wechat` } },
  };
  const worker = await startCampaignWorker(deps);
  const control = temporalCampaignControl(client, taskQueue);

  const template = await createTemplate(em(), workspaceId, fixtureActor, {
    name: 'Winter sale',
    channel: 'email',
    format: 'blocks',
  });
  await saveDraft(em(), workspaceId, template.id, {
    draft: {
      subject: 'Winter sale for {{ contact.first_name }}',
      preheader: 'Twenty percent off',
      fromName: 'Acme',
      fromAddress: 'news@acme.example',
      document: starterDocument(),
    },
  });
  await publishTemplate(em(), workspaceId, fixtureActor, template.id);

  return {
    database,
    peers,
    deps,
    control,
    workspaceId,
    templateId: template.id,
    taskQueue,
    em,
    async audience(name, count, attributes) {
      const tag = `t${randomUUID().slice(0, 8)}`;
      for (let start = 1; start <= count; start += 1000) {
        const size = Math.min(1000, count - start + 1);
        const ids = Array.from({ length: size }, (_, k) => start + k);
        await sql(
          em(),
          `insert into contacts (id, workspace_id, email, first_name, tags, attributes, created_at, updated_at)
           select gen_random_uuid(), ?, ? || '-' || v.i || '@example.org', 'Reader' || v.i, array[?]::text[],
             v.attributes::jsonb, now() + make_interval(secs => v.i::int * 0.001), now()
           from jsonb_to_recordset(?::jsonb) as v(i int, attributes text)`,
          [
            workspaceId,
            tag,
            tag,
            JSON.stringify(ids.map((i) => ({ i, attributes: JSON.stringify(attributes?.(i) ?? {}) }))),
          ],
        );
      }
      const listId = await findOrCreateStaticList(em(), workspaceId, name, fixtureActor);
      await addToStaticList(em(), workspaceId, listId, { where: '? = any(tags)', params: [tag] });
      return { listId, tag };
    },
    caughtFor: (tag) => peers.smtp.list(1_000_000).filter((m) => m.to.includes(`${tag}-`)),
    async until(what, probe, ms = 60_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    statusOf: async (campaignId) => (await getCampaign(em(), workspaceId, campaignId)).status,
    async stop() {
      await worker.stop();
      await connection.close();
      email.close();
      await peers.stop();
    },
  };
}
