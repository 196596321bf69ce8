import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Client } from '@temporalio/client';
import type { ApiServices } from '@switchboard/api';
import type { Database } from '@switchboard/db';
import { mountTrpc } from './routes/trpc-route.ts';
import { createApiV1 } from './routes/api-v1/api-v1-routes.ts';
import { mountHealthz } from './routes/healthz.ts';
import { mountWebApp } from './routes/web-app.ts';
import { mountExports } from './routes/exports.ts';
import { mountAppImports } from './routes/imports/app-imports.ts';
import { mountDoubleOptInPages } from './routes/double-opt-in-pages.ts';
import { mountTracking } from './routes/messaging/tracking-routes.ts';
import { mountRatingPages } from './routes/inbox/rating-pages.ts';
import { mountAttachmentRoutes } from './routes/inbox/attachment-routes.ts';
import { mountUnsubscribePages } from './routes/messaging/unsubscribe-pages.ts';
import { mountTwilioHooks } from './routes/messaging/twilio-hooks.ts';
import { requestLog, type Logger } from './http/request-log.ts';
import { requestBodyLimit } from './http/request-body-limit.ts';
import { urlHygiene } from './http/url-hygiene.ts';
import { readCookie, SESSION_COOKIE } from './http/session-cookie.ts';

export interface AppDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  services: ApiServices;
  logger: Logger;
  trustProxy: boolean;
  webDistDir?: string;
  messaging: {
    trackingSecret: string;
    /** The WeChat gateway's task queue: chat deliveries run in the process holding the bot. */
    chatTaskQueue: string;
    /** Null when SMS is not configured. */
    twilioAuthToken: string | null;
    /** How long a Twilio status callback waits for the ledger to record its SID (default 5.5 s). */
    statusCatchUpMs?: number;
  };
}

/** The HTTP surface: /trpc for the web app, /api/v1 for integrations, /healthz, and the web app itself. */
export function createApp(deps: AppDeps) {
  const secure = deps.services.publicUrl.startsWith('https://');
  const app = new Hono();
  app.use('*', requestId());
  app.use('*', requestLog(deps.logger));
  app.use(
    '*',
    requestBodyLimit((c) => readCookie(c.req.header('cookie'), SESSION_COOKIE) !== null),
  );
  app.use('*', urlHygiene());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:', 'http:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: secure ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.onError((error, c) => {
    deps.logger.log('error', 'unhandled error', { requestId: c.get('requestId'), error: error.stack });
    return c.json(
      { error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged' } },
      500,
    );
  });

  const queues = { taskQueue: deps.taskQueue, chatTaskQueue: deps.messaging.chatTaskQueue };
  app.get('/noop', (c) => c.text('ok'));
  mountHealthz(app, deps);
  mountTrpc(app, {
    db: deps.db,
    services: deps.services,
    secureCookies: secure,
    trustProxy: deps.trustProxy,
    logger: deps.logger,
  });
  mountExports(app, { db: deps.db, sessionSecret: deps.services.sessionSecret, trustProxy: deps.trustProxy });
  app.route(
    '/api/v1',
    createApiV1({
      db: deps.db,
      publicUrl: deps.services.publicUrl,
      logger: deps.logger,
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
      mailer: deps.services.mailer,
      sessionSecret: deps.services.sessionSecret,
      queues,
      webhookPrivateTargets: deps.services.webhookPrivateTargets,
    }),
  );
  mountDoubleOptInPages(app, {
    db: deps.db,
    sessionSecret: deps.services.sessionSecret,
    trustProxy: deps.trustProxy,
  });
  mountAppImports(app, {
    db: deps.db,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    sessionSecret: deps.services.sessionSecret,
    publicUrl: deps.services.publicUrl,
    trustProxy: deps.trustProxy,
  });
  mountTracking(app, {
    db: deps.db,
    trackingSecret: deps.messaging.trackingSecret,
    trustProxy: deps.trustProxy,
    logger: deps.logger,
  });
  mountRatingPages(app, { db: deps.db, secret: deps.services.sessionSecret });
  mountAttachmentRoutes(app, {
    db: deps.db,
    sessionSecret: deps.services.sessionSecret,
    publicUrl: deps.services.publicUrl,
    trackingSecret: deps.messaging.trackingSecret,
  });
  mountUnsubscribePages(app, {
    db: deps.db,
    trackingSecret: deps.messaging.trackingSecret,
    trustProxy: deps.trustProxy,
  });
  mountTwilioHooks(app, {
    db: deps.db,
    authToken: deps.messaging.twilioAuthToken,
    publicUrl: deps.services.publicUrl,
    trustProxy: deps.trustProxy,
    temporal: deps.temporal,
    queues,
    logger: deps.logger,
    ...(deps.messaging.statusCatchUpMs !== undefined
      ? { statusCatchUpMs: deps.messaging.statusCatchUpMs }
      : {}),
  });
  mountWebApp(app, deps.webDistDir);
  return app;
}
