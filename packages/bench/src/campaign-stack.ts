import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createApiKey, type Actor, type ApiScope } from '@switchboard/accounts';
import { migrateDatabase, openDatabase, type Database } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import {
  compileTemplate,
  createTemplate,
  parseDraft,
  publishTemplate,
  saveDraft,
  starterDocument,
} from '@switchboard/content';
import { addSendingDomain, DEFAULT_POLICY, saveMessagingPolicy } from '@switchboard/messaging';
import { addToStaticList, findOrCreateStaticList } from '@switchboard/segments';
import {
  createCampaign,
  getCampaign,
  sendCampaign,
  temporalCampaignControl,
  type CampaignControl,
} from '@switchboard/campaigns';
import {
  findTemporalCli,
  freePort,
  startEmbeddedPostgres,
  startTemporalDevServer,
  stopChild,
  waitForPort,
  WORKER_NODE_FLAGS,
  type RunningTemporal,
} from '@switchboard/stack';

const actor: Actor = { type: 'cli', id: null, label: 'campaign stack' };
const TRACKING_SECRET = 'campaign-stack-tracking-secret-'.padEnd(48, 's');
export const FROM = 'Acme <news@acme.example>';

export interface CampaignStack {
  db: Database;
  databaseUrl: string;
  temporalAddress: string;
  workspaceId: string;
  templateId: string;
  control: CampaignControl;
  client: Client;
  taskQueue: string;
  /** The newest worker process (apps/worker) still running, started with the product's own configuration. */
  worker(): ChildProcess | undefined;
  /** One more worker process; `env` overrides its configuration (e.g. its own SMTP_URL). */
  startWorker(env?: Record<string, string>): ChildProcess;
  /** One more real server process on the same database and Temporal; resolves to its base URL once it listens. */
  startServer(env?: Record<string, string>): Promise<string>;
  /** An API key of the workspace with these scopes. */
  apiKey(scopes: ApiScope[]): Promise<string>;
  /** Stops a worker (the newest unless named) with this signal, like a crash (SIGKILL) or a deploy (SIGTERM). */
  killWorker(signal?: NodeJS.Signals, which?: ChildProcess): Promise<void>;
  restartPostgres(downMs: number): Promise<void>;
  restartTemporal(downMs: number): Promise<void>;
  audience(count: number): Promise<string>;
  send(listId: string, name: string): Promise<string>;
  waitUntilSent(campaignId: string, timeoutMs: number): Promise<void>;
  /** PEM of the sending domain's DKIM key, for a ceiling that signs the same way. */
  dkimKey(): Promise<{ domainName: string; keySelector: string; privateKey: string }>;
  close(): Promise<void>;
}

/**
 * PostgreSQL and a file-backed Temporal dev server that can each be restarted, the real worker process sending to an
 * SMTP port of the caller's choosing, and a workspace with a DKIM-signed sending domain and a published template.
 */
export async function startCampaignStack(options: {
  repoRoot: string;
  smtpPort: number;
  smtpPoolSize?: number;
  log?: (line: string) => void;
  /** More configuration for the worker process (e.g. Twilio for journeys that text). */
  workerEnv?: Record<string, string>;
  /** Temporal in memory (faster; cannot be restarted with its state, which only the fault benchmarks need). */
  temporalInMemory?: boolean;
}): Promise<CampaignStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-campaign-stack-'));
  const pgPort = await freePort();
  let temporalPort = 0;
  const startPg = () =>
    startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: pgPort, ephemeral: true });
  const startTemporal = () =>
    startTemporalDevServer({
      cliPath: findTemporalCli(options.repoRoot),
      port: temporalPort,
      ...(options.temporalInMemory ? {} : { dbFile: path.join(dir, 'temporal.db') }),
    });
  let pg = await startPg();
  // Chosen once PostgreSQL holds its port, so the two cannot be handed the same free port.
  temporalPort = await freePort();
  let temporal: RunningTemporal = await startTemporal();
  await pg.createDatabase('campaigns');
  const databaseUrl = pg.urlFor('campaigns');
  const db = await openDatabase({ url: databaseUrl, poolMax: 6 });
  await migrateDatabase(db);
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const taskQueue = `campaign-stack-${randomUUID().slice(0, 8)}`;
  const control = temporalCampaignControl(client, taskQueue);

  const em = () => db.fork();
  const workspaceId = randomUUID();
  await sql(
    em(),
    `insert into workspaces (id, slug, name, postal_address, created_at)
     values (?, 'acme', 'Acme Shop', 'Acme GmbH, Hauptstraße 1, 10115 Berlin', now())`,
    [workspaceId],
  );
  // Every contact gets this campaign: caps off, so repeated runs measure sending, not the gate's refusals.
  await saveMessagingPolicy(em(), workspaceId, { ...DEFAULT_POLICY, frequencyCap: { count: 0, days: 7 } });
  const domain = await addSendingDomain(
    em(),
    workspaceId,
    { domain: 'acme.example' },
    { spfMechanism: 'a mx' },
  );
  await sql(em(), `update sending_domains set warmup_started_at = null where id = ?`, [domain.id]);
  const template = await createTemplate(em(), workspaceId, actor, { name: 'Winter sale', channel: 'email' });
  await saveDraft(em(), workspaceId, template.id, {
    draft: {
      subject: 'Winter sale for {{ contact.first_name }}',
      preheader: 'Twenty percent off everything this week',
      fromName: 'Acme',
      fromAddress: 'news@acme.example',
      replyTo: '',
      document: starterDocument(),
    },
  });
  await publishTemplate(em(), workspaceId, actor, template.id);

  /** What the worker and the server processes share: the database, Temporal, the queues and the tracking key. */
  const productEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_WECHAT_TASK_QUEUE: `${taskQueue}-wechat`,
    TRACKING_SECRET,
    LOG_LEVEL: 'error',
  });

  const workers: ChildProcess[] = [];
  const startWorker = (env: Record<string, string> = {}) => {
    // As in production (WORKER_NODE_FLAGS), plus WORKER_NODE_ARGS: node flags NODE_OPTIONS refuses (e.g.
    // `--cpu-prof --cpu-prof-dir=/tmp/prof`) for profiling. WORKER_NODE_OPTIONS replaces the production flags (the
    // command line would win over NODE_OPTIONS), e.g. to try another heap cap.
    const nodeArgs = [
      ...(process.env.WORKER_NODE_OPTIONS ? [] : WORKER_NODE_FLAGS),
      ...(process.env.WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ];
    const worker = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/worker/src/main.ts'], {
      cwd: options.repoRoot,
      env: {
        ...productEnv(),
        // BENCH_WORKER_POOL: the worker's PostgreSQL pool size, to try other sizes when diagnosing.
        DATABASE_POOL_MAX: process.env.BENCH_WORKER_POOL ?? '10',
        WORKER_WECHAT_GATEWAY: 'false',
        SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}`,
        SMTP_POOL_SIZE: String(options.smtpPoolSize ?? 5),
        MAIL_FROM: FROM,
        PUBLIC_URL: 'http://127.0.0.1:3999',
        EMAIL_RATE_PER_SECOND: '0',
        ...options.workerEnv,
        ...(process.env.WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.WORKER_NODE_OPTIONS } : {}),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.push(worker);
    worker.once('exit', () => workers.splice(workers.indexOf(worker), 1));
    return worker;
  };

  const servers: ChildProcess[] = [];
  const startServer = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: options.repoRoot,
      env: {
        ...productEnv(),
        DATABASE_POOL_MAX: '10',
        PORT: String(port),
        SESSION_SECRET: TRACKING_SECRET,
        // BENCH_SERVER_NODE_OPTIONS: node options for the server process when diagnosing (e.g. a query counter).
        ...(process.env.BENCH_SERVER_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
          : {}),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    servers.push(server);
    await waitForPort('127.0.0.1', port, 60_000, 'The server');
    return `http://127.0.0.1:${port}`;
  };

  let seq = 0;
  return {
    db,
    databaseUrl,
    temporalAddress: temporal.address,
    workspaceId,
    templateId: template.id,
    control,
    client,
    taskQueue,
    worker: () => workers.at(-1),
    startWorker,
    startServer,
    apiKey: async (scopes) => (await createApiKey(em(), { workspaceId, name: 'bench', scopes, actor })).key,
    async killWorker(signal = 'SIGKILL', which = workers.at(-1)) {
      if (!which || which.exitCode !== null || which.signalCode !== null) return;
      const exited = new Promise((resolve) => which.once('exit', resolve));
      which.kill(signal);
      await exited;
    },
    async restartPostgres(downMs) {
      await pg.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      pg = await startPg();
    },
    async restartTemporal(downMs) {
      await temporal.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      temporal = await startTemporal();
    },
    async audience(count) {
      const tag = `a${++seq}`;
      await sql(
        em(),
        `insert into contacts (id, workspace_id, email, first_name, tags, created_at, updated_at)
         select gen_random_uuid(), ?, ? || '.person' || i || '@example.org', 'Person ' || i, array[?]::text[], now(), now()
         from generate_series(1, ?) i`,
        [workspaceId, tag, tag, count],
      );
      const listId = await findOrCreateStaticList(em(), workspaceId, `Audience ${tag}`, actor);
      await addToStaticList(em(), workspaceId, listId, { where: '? = any(tags)', params: [tag] });
      return listId;
    },
    async send(listId, name) {
      const campaign = await createCampaign(em(), workspaceId, actor, {
        name,
        channel: 'email',
        segmentId: listId,
        variants: [{ key: 'A', templateId: template.id }],
      });
      await sendCampaign(em(), control, workspaceId, actor, campaign.id);
      return campaign.id;
    },
    async waitUntilSent(campaignId, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await getCampaign(em(), workspaceId, campaignId)
          .then((c) => c.status)
          .catch(() => 'unknown');
        if (status === 'sent') return;
        if (status === 'failed' || status === 'cancelled') throw new Error(`The campaign ended ${status}`);
        if (Date.now() > deadline) throw new Error(`The campaign is still ${status} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async dkimKey() {
      const [row] = await sql<{ dkim_selector: string; dkim_private_key: string }>(
        em(),
        'select dkim_selector, dkim_private_key from sending_domains where id = ?',
        [domain.id],
      );
      return {
        domainName: 'acme.example',
        keySelector: row!.dkim_selector,
        privateKey: row!.dkim_private_key,
      };
    },
    async close() {
      for (const server of servers) await stopChild(server);
      for (const worker of [...workers]) await stopChild(worker);
      await connection.close();
      await db.close();
      await temporal.stop();
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Worker configuration that texts through the sandbox's Twilio peer, unthrottled (journeys that send SMS). */
export function twilioPeerEnv(peers: {
  twilio: { accountSid: string; authToken: string };
  httpUrl: string;
}): Record<string, string> {
  return {
    TWILIO_ACCOUNT_SID: peers.twilio.accountSid,
    TWILIO_AUTH_TOKEN: peers.twilio.authToken,
    TWILIO_FROM: '+15550000000',
    TWILIO_API_BASE_URL: peers.httpUrl,
    SMS_RATE_PER_SECOND: '0',
  };
}

/** Resident memory of a process in MB (Linux), or null where /proc is not available. */
export async function rssMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** What a ceiling sends: the stack's template compiled and rendered once, for Person 1. */
export async function prerenderedEmail(stack: CampaignStack) {
  const [version] = await sql<{ source: { format: 'blocks'; draft: unknown } }>(
    stack.db.fork(),
    'select source from template_versions where template_id = ?',
    [stack.templateId],
  );
  const compiled = await compileTemplate(parseDraft('email', 'blocks', version!.source.draft));
  if (compiled.content.kind !== 'email') throw new Error('Expected an email template');
  return {
    subject: 'Winter sale for Person 1',
    html: compiled.content.html.replace(/\{\{[^}]*\}\}/g, 'Person 1'),
    text: (compiled.content.text ?? '').replace(/\{\{[^}]*\}\}/g, 'Person 1'),
  };
}
