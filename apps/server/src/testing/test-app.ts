import { temporalCampaignControl } from '@switchboard/campaigns';
import { journeyTemporal, journeyWebhookSecret } from '@switchboard/journeys';
import { InboxEventHub, temporalConversationTimers } from '@switchboard/inbox';
import { Client, Connection } from '@temporalio/client';
import type { ApiContext, ApiServices } from '@switchboard/api';
import type { SessionContext } from '@switchboard/accounts';
import { createSmtpEmailSender, transactionalMailer } from '@switchboard/channels';
import { startSmtpCatcher, type SmtpCatcher } from '@switchboard/sandbox';
import { temporalAddress, useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { afterAll } from 'vitest';
import { startDelivery, type TxtResolver } from '@switchboard/messaging';
import { createApp } from '../app.ts';
import { jsonLogger } from '../http/request-log.ts';
import { TEST_PASSWORD } from './seed-workspace.ts';

export const TEST_PUBLIC_URL = 'http://switchboard.test';
export const TEST_TRACKING_SECRET = 'test-tracking-secret-'.padEnd(48, 't');

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: TestDatabase;
  smtp: SmtpCatcher;
  temporal: Client;
  services: ApiServices;
  inboxHub: InboxEventHub;
}

/** The real HTTP app over a real database, Temporal and SMTP peer; requests go through app.request(). */
export async function useTestApp(
  options: {
    taskQueue?: string;
    /** Where journey instances start (default: taskQueue); a queue nobody polls when no journey worker runs. */
    journeyTaskQueue?: string;
    webhookPrivateTargets?: string[];
    sandbox?: ApiServices['sandbox'];
    twilioAuthToken?: string;
    resolveTxt?: TxtResolver;
    statusCatchUpMs?: number;
  } = {},
): Promise<TestApp> {
  const database = await useTestDatabase();
  const smtp = await startSmtpCatcher({ port: 0 });
  const email = createSmtpEmailSender({
    url: `smtp://127.0.0.1:${smtp.port}`,
    poolSize: 1,
    from: 'Switchboard <no-reply@switchboard.test>',
  });
  const connection = await Connection.connect({ address: temporalAddress() });
  const temporal = new Client({ connection });
  const inboxHub = new InboxEventHub({ db: database.db, databaseUrl: database.url, log: () => undefined });
  await inboxHub.start();
  const services: ApiServices = {
    mailer: transactionalMailer(email),
    publicUrl: TEST_PUBLIC_URL,
    sessionSecret: 'test-session-secret-'.padEnd(40, 'x'),
    sandbox: options.sandbox ?? null,
    startDelivery: (message) =>
      startDelivery(
        temporal,
        {
          taskQueue: options.taskQueue ?? 'unused-test-queue',
          chatTaskQueue: `${options.taskQueue ?? 'unused-test-queue'}-wechat`,
        },
        message,
      ),
    resolveTxt:
      options.resolveTxt ??
      ((name) =>
        Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }))),
    spfMechanism: 'a mx',
    campaigns: temporalCampaignControl(temporal, options.taskQueue ?? 'unused-test-queue'),
    journeys: journeyTemporal(temporal, {
      taskQueue: options.journeyTaskQueue ?? options.taskQueue ?? 'unused-test-queue',
      chatTaskQueue: `${options.taskQueue ?? 'unused-test-queue'}-wechat`,
    }),
    journeyWebhookSecret: (workspaceId) => journeyWebhookSecret(TEST_TRACKING_SECRET, workspaceId),
    webhookPrivateTargets: options.webhookPrivateTargets ?? [],
    inbox: {
      stream: (workspaceId, lastEventId, signal) => inboxHub.stream(workspaceId, lastEventId, signal),
      signal: (em, workspaceId, signal) => inboxHub.signal(em, workspaceId, signal),
      // No test worker runs the timer workflows; tests call the wake activity themselves.
      scheduleWake: temporalConversationTimers(temporal, 'unused-inbox-timers'),
    },
  };
  const app = createApp({
    db: database.db,
    temporal,
    taskQueue: options.taskQueue ?? 'unused-test-queue',
    services,
    messaging: {
      trackingSecret: TEST_TRACKING_SECRET,
      chatTaskQueue: `${options.taskQueue ?? 'unused-test-queue'}-wechat`,
      twilioAuthToken: options.twilioAuthToken ?? null,
      ...(options.statusCatchUpMs !== undefined ? { statusCatchUpMs: options.statusCatchUpMs } : {}),
    },
    logger: jsonLogger('error', process.env.TEST_LOG ? (line) => console.error(line) : () => undefined),
    trustProxy: false,
  });
  afterAll(async () => {
    await inboxHub.stop();
    email.close();
    await smtp.stop();
    await connection.close();
  });
  return { app, database, smtp, temporal, services, inboxHub };
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on mutations, like the web app does. */
export class TestBrowser {
  cookie: string | null = null;
  csrfToken: string | null = null;
  /** The client address the server sees (as its socket's peer); unset = none. */
  remoteAddress: string | null = null;
  constructor(
    private readonly app: TestApp['app'],
    readonly origin = TEST_PUBLIC_URL,
  ) {}

  /** This browser calling from another address. */
  from(remoteAddress: string): this {
    this.remoteAddress = remoteAddress;
    return this;
  }

  private env() {
    return this.remoteAddress ? { incoming: { socket: { remoteAddress: this.remoteAddress } } } : undefined;
  }

  async query<T = unknown>(path: string, input?: unknown): Promise<{ status: number; body: TrpcBody<T> }> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await this.app.request(`/trpc/${path}${qs}`, { headers: this.headers() }, this.env());
    return { status: res.status, body: (await res.json()) as TrpcBody<T> };
  }

  async mutate<T = unknown>(path: string, input?: unknown, extra: Record<string, string | null> = {}) {
    const headers: Record<string, string> = {
      ...this.headers(),
      'content-type': 'application/json',
      origin: this.origin,
    };
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    for (const [k, v] of Object.entries(extra)) {
      if (v === null) delete headers[k];
      else headers[k] = v;
    }
    const res = await this.app.request(
      `/trpc/${path}`,
      { method: 'POST', headers, body: JSON.stringify(input ?? null) },
      this.env(),
    );
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = /sb_session=([^;]*)/.exec(setCookie)?.[1] || null;
    const body = (await res.json()) as TrpcBody<T>;
    const data = body.result?.data as { csrfToken?: string } | undefined;
    if (data?.csrfToken) this.csrfToken = data.csrfToken;
    return { status: res.status, body, setCookie, headers: res.headers };
  }

  /** A plain GET with the session cookie, like a download link. */
  get(path: string) {
    return this.app.request(path, { headers: this.headers() }, this.env());
  }

  /** A browser already signed in as this user (with the seeded test password unless told). */
  static async signedIn(app: TestApp['app'], email: string, password = TEST_PASSWORD): Promise<TestBrowser> {
    const browser = new TestBrowser(app);
    await browser.signIn(email, password);
    return browser;
  }

  async signIn(email: string, password: string) {
    const res = await this.mutate('auth.signIn', { email, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
    return res;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { cookie: `sb_session=${this.cookie}` } : {};
  }
}

export interface TrpcBody<T> {
  result?: { data: T };
  error?: {
    message: string;
    data: {
      code: string;
      httpStatus: number;
      fieldErrors?: Record<string, string>;
      retryAfterSeconds?: number;
    };
  };
}

/** The context a tRPC call gets for this session, for tests that call procedures directly (router walks). */
export function callerContext(t: TestApp, session: SessionContext | null, userAgent = 'test'): ApiContext {
  return {
    em: t.database.db.fork(),
    session,
    ip: '127.0.0.1',
    userAgent,
    csrfHeader: session?.csrfToken ?? null,
    sameOrigin: true,
    cookies: { set: () => undefined, clear: () => undefined },
    services: t.services,
  };
}
