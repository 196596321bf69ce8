import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { startSmtpCatcher, type SmtpCatcher } from './smtp/smtp-catcher.ts';
import { createSandboxHttp } from './sandbox-http.ts';
import type { SentSms } from './sms/twilio-peer.ts';

export interface SandboxPeersOptions {
  smtpPort: number;
  httpPort: number;
  /** Folder for the caught emails; omit to keep them in memory. */
  storeDir?: string;
  twilio?: { accountSid: string; authToken: string };
  /** The product's public URL: texts sent from the outbox reach its /hooks/twilio/inbound. */
  productUrl?: string;
  /** The product's inbound SMTP listener, where simulated bounces and complaints go. */
  inboundSmtp?: { host: string; port: number };
}

export interface SandboxPeers {
  smtpUrl: string;
  httpUrl: string;
  twilio: { accountSid: string; authToken: string; from: string };
  smtp: SmtpCatcher;
  sms: SentSms[];
  stop(): Promise<void>;
}

/** Starts the SMTP catcher and the Twilio-speaking HTTP peer on 127.0.0.1. */
export async function startSandboxPeers(options: SandboxPeersOptions): Promise<SandboxPeers> {
  const twilio = options.twilio ?? {
    accountSid: 'AC' + randomBytes(16).toString('hex'),
    authToken: randomBytes(16).toString('hex'),
  };
  const smtp = await startSmtpCatcher({
    port: options.smtpPort,
    ...(options.storeDir ? { storeDir: options.storeDir } : {}),
    ...(options.inboundSmtp ? { reportsTo: options.inboundSmtp } : {}),
  });
  const http = createSandboxHttp({
    smtp,
    twilio: {
      ...twilio,
      ...(options.productUrl ? { inboundWebhookUrl: `${options.productUrl}/hooks/twilio/inbound` } : {}),
    },
  });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: http.app.fetch, port: options.httpPort, hostname: '127.0.0.1' }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address();
  const httpPort = typeof address === 'object' && address ? address.port : options.httpPort;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    twilio: { ...twilio, from: '+15005550006' },
    smtp,
    sms: http.sms,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await smtp.stop();
    },
  };
}
