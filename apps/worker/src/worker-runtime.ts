import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { WorkerConfig } from '@switchboard/config';
import { openDatabase, type Database } from '@switchboard/db';
import {
  createSmtpEmailSender,
  createTwilioSmsSender,
  smtpOptionsFrom,
  transactionalMailer,
  type ChatGateway,
  type InboundChatMessage,
} from '@switchboard/channels';
import { Client, Connection } from '@temporalio/client';
import {
  createHealthActivities,
  createHousekeepingActivities,
  ensureHousekeepingSchedule,
  ensureReportRollupsSchedule,
} from '@switchboard/operations';
import { createImportActivities, ensureImportSweepSchedule } from '@switchboard/imports';
import { createAudienceRefreshActivities, ensureAudienceRefresh } from '@switchboard/audience';
import { createSandboxWechatActivities, SIMULATED_WECHAT_CONTACTS } from '@switchboard/sandbox';
import {
  createDeliveryActivities,
  ensureMessageSweepSchedule,
  receiveInboundChat,
  recordFriendRequest,
  SendingSettingsCache,
  ThroughputLimiter,
  type DeliveryChannels,
  type DeliveryDeps,
} from '@switchboard/messaging';
import { createInboxActivities, ensureOfflineAgentsSweep, SlaTimerScheduler } from '@switchboard/inbox';
import { createCampaignActivities, ensureCampaignScheduler } from '@switchboard/campaigns';
import { createWebhookActivities, internetAndPrivateTargets, WebhookWaker } from '@switchboard/webhooks';
import {
  createJourneyActivities,
  JourneyDispatcher,
  journeyTemporal,
  journeyWebhookSecret,
} from '@switchboard/journeys';

export interface WorkerRuntime {
  /** Resolves when every worker has stopped (after shutdown()). */
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

let cachedBundle: Promise<{ code: string }> | undefined;
/**
 * The workflow code, bundled once per process in a child process (bundle-workflows.ts), so webpack's memory is
 * returned to the system when it is done.
 */
export function workflowBundle(): Promise<{ code: string }> {
  cachedBundle ??= bundleInChildProcess();
  return cachedBundle;
}

async function bundleInChildProcess(): Promise<{ code: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-workflows-'));
  const outFile = path.join(dir, 'workflows.js');
  try {
    const script = fileURLToPath(new URL('./bundle-workflows.ts', import.meta.url));
    // The child reads the TypeScript sources through tsx, resolved from the repository root as the launcher does.
    const child = spawn(process.execPath, ['--import', 'tsx', script, outFile], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`Bundling the workflow code failed (exit code ${code})`);
    return { code: await readFile(outFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let runtimeInstalled = false;
/** Temporal's core logs every worker state change at INFO; operators need warnings and errors. */
function installTemporalRuntime(level: 'debug' | 'info' | 'warn' | 'error') {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger(level.toUpperCase() as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR') });
}

/** The worker's composition root: builds every connection once and wires them into activity factories. */
export async function createWorkerRuntime(config: WorkerConfig): Promise<WorkerRuntime> {
  installTemporalRuntime(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db: Database = await openDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const workflowBundleCode = await workflowBundle();
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  await ensureHousekeepingSchedule(client, config.TEMPORAL_TASK_QUEUE);
  await ensureReportRollupsSchedule(client, config.TEMPORAL_TASK_QUEUE);
  await ensureAudienceRefresh(client, config.TEMPORAL_TASK_QUEUE);
  await ensureImportSweepSchedule(client, config.TEMPORAL_TASK_QUEUE);

  await ensureMessageSweepSchedule(client, config.TEMPORAL_TASK_QUEUE);
  await ensureOfflineAgentsSweep(client, config.TEMPORAL_TASK_QUEUE);
  await ensureCampaignScheduler(client, config.TEMPORAL_TASK_QUEUE);

  const email = createSmtpEmailSender(smtpOptionsFrom(config));
  const sms =
    config.TWILIO_ACCOUNT_SID &&
    config.TWILIO_AUTH_TOKEN &&
    (config.TWILIO_FROM || config.TWILIO_MESSAGING_SERVICE_SID)
      ? createTwilioSmsSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM ?? '',
          messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
          apiBaseUrl: config.TWILIO_API_BASE_URL,
        })
      : undefined;
  const throughput = {
    email: new ThroughputLimiter(config.EMAIL_RATE_PER_SECOND),
    sms: new ThroughputLimiter(config.SMS_RATE_PER_SECOND),
    // One bot, one human-like pace.
    wechat: new ThroughputLimiter(config.WECHAT_RATE_PER_SECOND, 5),
  };
  // One-off and journey sends read the workspace, its policy, sending domain and template versions; two seconds of
  // caching spares each message those reads at journey rates, while a changed setting applies almost at once.
  const settingsCache = new SendingSettingsCache(2_000);
  const delivery = (channels: DeliveryChannels): DeliveryDeps => ({
    db,
    channels,
    settingsCache,
    email: {
      baseUrl: config.PUBLIC_URL,
      trackingSecret: config.TRACKING_SECRET,
      defaultFrom: config.MAIL_FROM,
      inboundDomain: config.INBOUND_EMAIL_DOMAIN ?? null,
    },
    smsStatusCallbackUrl: `${config.PUBLIC_URL}/hooks/twilio/status`,
    throughput,
  });
  const queues = { taskQueue: config.TEMPORAL_TASK_QUEUE, chatTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE };
  const webhookTransport = internetAndPrivateTargets(config.WEBHOOK_PRIVATE_TARGETS);
  const mainWorker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: workflowBundleCode,
    activities: {
      ...createHealthActivities({ db }),
      ...createHousekeepingActivities({ db }),
      ...createImportActivities({ db, temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE } }),
      ...createAudienceRefreshActivities({
        db,
        mailer: transactionalMailer(email),
        publicUrl: config.PUBLIC_URL,
        log: (message, fields) => console.error(JSON.stringify({ level: 'error', message, ...fields })),
      }),
      ...createDeliveryActivities({ ...delivery({ email, sms }), temporal: { client, queues } }),
      ...createCampaignActivities({ ...delivery({ email, sms }), temporal: { client, queues } }),
      ...createInboxActivities({ db }),
      ...createJourneyActivities({
        ...delivery({ email, sms }),
        webhookSecret: (workspaceId) => journeyWebhookSecret(config.TRACKING_SECRET, workspaceId),
        webhookTransport,
      }),
      ...createWebhookActivities({ db, transport: webhookTransport }),
    },
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    // The SDK's in-thread sandbox (the one its replayer uses) unless a workflow thread is asked for; its "no
    // timeout" sentinel is dropped by workflow-thread-setup.mjs, which would otherwise start a watchdog per call.
    debugMode: !(config.WORKER_WORKFLOW_THREAD || config.WORKER_WORKFLOW_DEADLOCK_TIMEOUT),
  });
  // Follows the event stream into journeys (entries, waits, goals); one worker leads, the others stand by.
  const dispatcher = new JourneyDispatcher({
    db,
    databaseUrl: config.DATABASE_URL,
    temporal: journeyTemporal(client, queues),
    log: (level, message, fields) => {
      // Recoveries are news to an operator reading info logs; failures always are.
      if (level === 'error' || config.LOG_LEVEL === 'info' || config.LOG_LEVEL === 'debug')
        console.error(JSON.stringify({ level, message, ...fields }));
    },
  });

  // Queued webhook deliveries wake their endpoint's workflow (every worker listens; a repeat wake is harmless).
  const webhookWaker = new WebhookWaker({
    db,
    databaseUrl: config.DATABASE_URL,
    client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    log: (level, message, fields) => console.error(JSON.stringify({ level, message, ...fields })),
  });

  const workers: Worker[] = [mainWorker];
  let gateway: ChatGateway | undefined;
  if (config.WORKER_WECHAT_GATEWAY) {
    // Wechaty is loaded only here: a worker without the gateway is about 90 MB lighter.
    const { startWechatyGateway } = await import('@switchboard/channels/wechaty');
    const { createSandboxWechat } = await import('@switchboard/sandbox/wechat');
    const sandboxWechat = config.SANDBOX_ENABLED ? createSandboxWechat() : undefined;
    gateway = await startWechatyGateway({
      name: config.WECHATY_NAME,
      puppet: sandboxWechat
        ? sandboxWechat.puppet
        : {
            name: config.WECHATY_PUPPET,
            ...(config.WECHATY_PUPPET_TOKEN ? { token: config.WECHATY_PUPPET_TOKEN } : {}),
          },
    });
    let gatewayActivities = {};
    let chatChannel: ChatGateway = gateway;
    const recordInbound = (message: InboundChatMessage) => receiveInboundChat(db.fork(), message);
    if (sandboxWechat) {
      sandboxWechat.activate();
      const sandbox = createSandboxWechatActivities({ db, wechat: sandboxWechat });
      // Stored on the contact first; the sandbox transcript (which a simulation waits for) second.
      gateway.onInbound(async (message) => {
        await recordInbound(message);
        await sandbox.recordInbound(message);
      });
      gateway.onFriendRequest(async (request) => {
        await recordFriendRequest(db.fork(), request);
        await sandbox.friendRequestRecorded(request);
      });
      gatewayActivities = sandbox.activities;
      const bot = gateway;
      // The outbox page shows what the bot said too.
      chatChannel = {
        ...bot,
        async send(message) {
          const sent = await bot.send(message);
          const contact = SIMULATED_WECHAT_CONTACTS.find((c) => c.id === message.to);
          // A link card shows in the transcript as its title and address.
          const said = [
            message.text,
            message.link ? `🔗 ${message.link.title} — ${message.link.url}` : '',
            ...(message.images ?? []).map((image) => `🖼 ${image.filename}`),
          ]
            .filter(Boolean)
            .join('\n');
          await sandbox.recordOutbound({ id: message.to, name: contact?.name ?? message.to }, said);
          return sent;
        },
      };
    } else {
      gateway.onInbound(async (message) => {
        await recordInbound(message);
      });
      gateway.onFriendRequest(async (request) => {
        await recordFriendRequest(db.fork(), request);
      });
    }
    const chatDelivery = createDeliveryActivities(delivery({ chat: chatChannel }));
    workers.push(
      await Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
        activities: { ...gatewayActivities, ...chatDelivery },
        // One bot per gateway process: keep its outbound pace human-like.
        maxConcurrentActivityTaskExecutions: 4,
      }),
    );
  }

  // Durable timers for the inbox's service-level deadlines, started as deadlines appear (woken by NOTIFY).
  const slaTimers = new SlaTimerScheduler({
    db,
    databaseUrl: config.DATABASE_URL,
    temporal: client,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    log: (level, message, fields) => console.error(JSON.stringify({ level, message, ...fields })),
  });

  let running: Promise<void> | undefined;
  return {
    run() {
      dispatcher.start();
      webhookWaker.start();
      void slaTimers
        .start()
        .catch((error: Error) =>
          console.error(
            JSON.stringify({ level: 'error', message: 'SLA timers not started', error: error.message }),
          ),
        );
      running ??= Promise.all(workers.map((w) => w.run())).then(() => undefined);
      return running;
    },
    async shutdown() {
      await dispatcher.stop();
      await webhookWaker.stop();
      await slaTimers.stop();
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running?.catch(() => undefined);
      await gateway?.stop().catch(() => undefined);
      email.close();
      await connection.close();
      await clientConnection.close();
      await db.close();
    },
  };
}
