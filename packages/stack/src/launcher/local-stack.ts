import path from 'node:path';
import { migrateDatabase, openDatabase } from '@switchboard/db';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startSandboxPeers, type SandboxPeers } from '@switchboard/sandbox';
import { startPostgresChild } from './postgres-child.ts';
import { startTemporalDevServer, type RunningTemporal } from '../temporal-dev-server.ts';
import { findTemporalCli } from '../temporal-cli.ts';
import { loadOrCreateLocalSecrets } from './local-secrets.ts';
import { ProcessGroup } from './process-group.ts';
import { waitForHealthy } from './wait-for-health.ts';
import { WORKER_NODE_FLAGS } from '../worker-node-flags.ts';

interface DemoSeeded {
  workspaceCreated: boolean;
  contacts: number;
  events: number;
  companies: number;
  deals: number;
  segments: number;
  scoringRules: number;
  journeys: number;
  instances: number;
}

/**
 * The demo is seeded by the operator CLI (`seed-demo --json`) in a child process: it reaches into every part of the
 * product (audience, campaigns, journeys), which this launcher — a dependency of the test kit that those parts'
 * tests use — must not import.
 */
async function seedDemoWithCli(repoRoot: string, databaseUrl: string): Promise<DemoSeeded> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'apps/cli/src/main.ts', 'seed-demo', '--json'],
    { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 16 * 1024 * 1024 },
  );
  const last = stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as DemoSeeded;
}

export interface LocalStackOptions {
  repoRoot: string;
  dataDir: string;
  port: number;
  publicUrl?: string;
  /** Use this PostgreSQL instead of the embedded one. */
  databaseUrl?: string;
  pgPort: number;
  /** Use this Temporal instead of starting a dev server. */
  temporalAddress?: string;
  temporalPort: number;
  temporalUiPort: number;
  /** When a real SMTP server or Twilio account is configured, the sandbox peers stay off. */
  realProviders: boolean;
  sandboxSmtpPort: number;
  sandboxHttpPort: number;
  /** The server's inbound SMTP listener (bounces, complaints, replies); omitted = not started. */
  inboundSmtpPort?: number;
  /** Extra environment for the server and worker (provider credentials, log level…). */
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
  onProcessExit?: (name: string, code: number | null) => void;
}

export interface LocalStack {
  url: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  sandbox?: SandboxPeers;
  demoSeeded: boolean;
  stop(): Promise<void>;
}

/**
 * Brings up the whole product on one machine: PostgreSQL (embedded unless given), Temporal (dev server unless given),
 * the sandbox peers (unless real providers are configured), then the server and the worker as their own processes.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((e: Error) => options.log(`while stopping: ${e.message}`));
  };
  try {
    const secrets = await loadOrCreateLocalSecrets(options.dataDir);

    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      options.log(`Starting PostgreSQL (data in ${path.join(options.dataDir, 'postgres')})…`);
      const pg = await startPostgresChild({
        repoRoot: options.repoRoot,
        dataDir: path.join(options.dataDir, 'postgres'),
        port: options.pgPort,
        database: 'switchboard',
      });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
    }

    const db = await openDatabase({ url: databaseUrl, poolMax: 2 });
    let demoSeeded: boolean;
    try {
      const applied = await migrateDatabase(db);
      if (applied.length) options.log(`Applied migrations: ${applied.join(', ')}`);
      const seeded = await seedDemoWithCli(options.repoRoot, databaseUrl);
      demoSeeded = seeded.workspaceCreated;
      if (seeded.contacts)
        options.log(
          `Seeded the demo audience: ${seeded.contacts} contacts, ${seeded.events} events, ${seeded.companies} companies, ${seeded.deals} deals, ${seeded.segments} segments, ${seeded.scoringRules} scoring rules, ${seeded.journeys} live journeys with ${seeded.instances} contacts inside or through them.`,
        );
    } finally {
      await db.close();
    }

    let temporalAddress = options.temporalAddress;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      options.log('Starting the Temporal dev server…');
      const temporal: RunningTemporal = await startTemporalDevServer({
        cliPath: findTemporalCli(options.repoRoot),
        port: options.temporalPort,
        uiPort: options.temporalUiPort,
        dbFile: path.join(options.dataDir, 'temporal', 'temporal.db'),
      });
      stops.push(() => temporal.stop());
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
    }

    let sandbox: SandboxPeers | undefined;
    const channelEnv: NodeJS.ProcessEnv = {};
    if (!options.realProviders) {
      sandbox = await startSandboxPeers({
        smtpPort: options.sandboxSmtpPort,
        httpPort: options.sandboxHttpPort,
        storeDir: path.join(options.dataDir, 'sandbox', 'mail'),
        twilio: secrets.sandboxTwilio,
        // Webhooks from the sandbox go straight to the server process on this machine.
        productUrl: `http://127.0.0.1:${options.port}`,
        ...(options.inboundSmtpPort
          ? { inboundSmtp: { host: '127.0.0.1', port: options.inboundSmtpPort } }
          : {}),
      });
      stops.push(() => sandbox!.stop());
      Object.assign(channelEnv, {
        SANDBOX_ENABLED: 'true',
        SANDBOX_URL: sandbox.httpUrl,
        SMTP_URL: sandbox.smtpUrl,
        TWILIO_ACCOUNT_SID: sandbox.twilio.accountSid,
        TWILIO_AUTH_TOKEN: sandbox.twilio.authToken,
        TWILIO_FROM: sandbox.twilio.from,
        TWILIO_API_BASE_URL: sandbox.httpUrl,
        WECHATY_PUPPET: 'wechaty-puppet-mock',
        // The sandbox's pretend CRM on this machine may receive webhooks; nothing else private may.
        WEBHOOK_PRIVATE_TARGETS: new URL(sandbox.httpUrl).host,
      });
    }

    const publicUrl = options.publicUrl ?? `http://localhost:${options.port}`;
    const shared: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      SESSION_SECRET: secrets.sessionSecret,
      TRACKING_SECRET: secrets.trackingSecret,
      PUBLIC_URL: publicUrl,
      ...channelEnv,
      ...options.env,
    };
    const group = new ProcessGroup(options.repoRoot);
    if (options.onProcessExit) group.whenAnyExits(options.onProcessExit);
    stops.push(() => group.stopAll());
    group.start('worker', 'apps/worker/src/main.ts', shared, WORKER_NODE_FLAGS);
    group.start('server', 'apps/server/src/main.ts', {
      ...shared,
      PORT: String(options.port),
      ...(options.inboundSmtpPort ? { INBOUND_SMTP_PORT: String(options.inboundSmtpPort) } : {}),
      WEB_DIST_DIR: path.join(options.repoRoot, 'apps/web/dist'),
    });
    const url = `http://127.0.0.1:${options.port}`;
    await waitForHealthy(url, 120_000);
    return {
      url: publicUrl,
      temporalAddress,
      ...(temporalUiUrl ? { temporalUiUrl } : {}),
      ...(sandbox ? { sandbox } : {}),
      demoSeeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
