import { Client, Connection } from '@temporalio/client';
import { serve, type ServerType } from '@hono/node-server';
import type { ServerConfig } from '@switchboard/config';
import { openDatabase } from '@switchboard/db';
import {
  createSmtpEmailSender,
  smtpOptionsFrom,
  startInboundSmtpListener,
  transactionalMailer,
  type InboundSmtpListener,
} from '@switchboard/channels';
import { resolveTxt } from 'node:dns/promises';
import {
  inboundDomains,
  judgeInboundRecipient,
  mailboxAddress,
  processInboundEmail,
  startDelivery,
} from '@switchboard/messaging';
import { temporalCampaignControl } from '@switchboard/campaigns';
import { journeyTemporal, journeyWebhookSecret } from '@switchboard/journeys';
import { InboxEventHub, temporalConversationTimers } from '@switchboard/inbox';
import { createApp } from './app.ts';
import { createSandboxAdapter } from './adapters/sandbox-adapter.ts';
import { jsonLogger } from './http/request-log.ts';

export interface ServerRuntime {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The server's composition root: every connection is built here once and injected downwards. */
export async function startServer(config: ServerConfig): Promise<ServerRuntime> {
  const logger = jsonLogger(config.LOG_LEVEL);
  const db = await openDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const email = createSmtpEmailSender(smtpOptionsFrom(config));
  // Agents' live inbox: one LISTEN connection per process, so any server sees what any other (or a worker) wrote.
  const inboxHub = new InboxEventHub({
    db,
    databaseUrl: config.DATABASE_URL,
    log: (level, message, fields) => logger.log(level, message, fields ?? {}),
  });
  await inboxHub.start();
  const sandbox =
    config.SANDBOX_ENABLED && config.SANDBOX_URL
      ? createSandboxAdapter({
          sandboxUrl: config.SANDBOX_URL,
          db,
          temporal,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          gatewayTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
        })
      : null;
  const app = createApp({
    db,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    services: {
      mailer: transactionalMailer(email),
      publicUrl: config.PUBLIC_URL,
      sessionSecret: config.SESSION_SECRET,
      sandbox,
      startDelivery: (message) =>
        startDelivery(
          temporal,
          { taskQueue: config.TEMPORAL_TASK_QUEUE, chatTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE },
          message,
        ),
      resolveTxt: (name) => resolveTxt(name),
      spfMechanism: config.SPF_MECHANISM,
      campaigns: temporalCampaignControl(temporal, config.TEMPORAL_TASK_QUEUE),
      journeys: journeyTemporal(temporal, {
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        chatTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
      }),
      journeyWebhookSecret: (workspaceId) => journeyWebhookSecret(config.TRACKING_SECRET, workspaceId),
      webhookPrivateTargets: config.WEBHOOK_PRIVATE_TARGETS,
      inbox: {
        stream: (workspaceId, lastEventId, signal) => inboxHub.stream(workspaceId, lastEventId, signal),
        signal: (em, workspaceId, signal) => inboxHub.signal(em, workspaceId, signal),
        scheduleWake: temporalConversationTimers(temporal, config.TEMPORAL_TASK_QUEUE),
      },
    },
    logger,
    trustProxy: config.TRUST_PROXY,
    messaging: {
      trackingSecret: config.TRACKING_SECRET,
      chatTaskQueue: config.TEMPORAL_WECHAT_TASK_QUEUE,
      twilioAuthToken: config.TWILIO_AUTH_TOKEN ?? null,
    },
    ...(config.WEB_DIST_DIR ? { webDistDir: config.WEB_DIST_DIR } : {}),
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${config.PORT} on ${config.HOST} is already in use. Stop what uses it or set PORT to a free port.`,
            )
          : error,
      ),
    );
  }).catch(async (error: Error) => {
    email.close();
    await inboxHub.stop();
    await connection.close();
    await db.close();
    throw error;
  });
  let inbound: InboundSmtpListener | undefined;
  if (config.INBOUND_SMTP_PORT !== undefined) {
    const senderAddress = mailboxAddress(config.MAIL_FROM);
    const ourDomains = inboundDomains({
      db,
      configured: config.INBOUND_EMAIL_DOMAIN ?? null,
      systemSenderDomain: senderAddress.slice(senderAddress.lastIndexOf('@') + 1),
    });
    inbound = await startInboundSmtpListener({
      port: config.INBOUND_SMTP_PORT,
      host: config.INBOUND_SMTP_HOST,
      acceptRecipient: async (address) =>
        judgeInboundRecipient(address, await ourDomains(), config.TRACKING_SECRET),
      maxBytes: 10 * 1024 * 1024,
      async onMessage(raw, envelope) {
        const outcome = await processInboundEmail(
          db.fork(),
          { trackingSecret: config.TRACKING_SECRET },
          raw,
          envelope,
        );
        logger.log('info', 'inbound email', {
          ...outcome,
          from: envelope.mailFrom ? 'sender' : 'null sender',
        });
      },
      onError: (error) => logger.log('error', 'inbound email failed', { error: String(error) }),
    });
    logger.log('info', 'inbound SMTP listening', { port: inbound.port });
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.log('info', 'server listening', {
    url: `http://${config.HOST}:${port}`,
    publicUrl: config.PUBLIC_URL,
  });
  return {
    url: `http://${config.HOST}:${port}`,
    port,
    async close() {
      // Open inbox streams end first; their browsers reconnect (to another server) and resume after their last event.
      await inboxHub.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      await closed;
      await inbound?.stop();
      email.close();
      await connection.close();
      await db.close();
    },
  };
}
