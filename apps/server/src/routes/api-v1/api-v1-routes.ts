import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import type { DeliveryQueues } from '@switchboard/messaging';
import type { TransactionalMailer } from '@switchboard/accounts';
import { apiKeyAuth, type ApiV1Env } from './api-key-auth.ts';
import { apiError, toApiErrorResponse } from './api-errors.ts';
import { openApiDocument } from './openapi-document.ts';
import { mountIngestionRoutes } from './ingestion-routes.ts';
import { mountContactRoutes } from './contacts-routes.ts';
import { mountConsentRoutes } from './consent-routes.ts';
import { mountImportRoutes } from './imports-routes.ts';
import { mountMessageRoutes } from './messages-routes.ts';
import type { Logger } from '../../http/request-log.ts';

export const API_BODY_LIMIT_BYTES = 1024 * 1024;

export function createApiV1(deps: {
  db: Database;
  publicUrl: string;
  logger: Logger;
  temporal: Client;
  taskQueue: string;
  mailer: TransactionalMailer;
  sessionSecret: string;
  queues: DeliveryQueues;
}) {
  const api = new Hono<ApiV1Env>();
  api.onError((error, c) =>
    toApiErrorResponse(c, error, (e) =>
      deps.logger.log('error', 'api v1 failed', {
        requestId: c.get('requestId'),
        error: (e as Error).stack ?? String(e),
      }),
    ),
  );
  api.notFound((c) =>
    apiError(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}; see /api/v1/openapi.json`),
  );

  api.get('/openapi.json', (c) => c.json(openApiDocument(deps.publicUrl)));

  const tooLarge = (c: Context<ApiV1Env>) =>
    apiError(c, 413, 'payload_too_large', `The body is larger than ${API_BODY_LIMIT_BYTES / 1024} KiB`);
  const jsonBodyLimit: MiddlewareHandler<ApiV1Env> = bodyLimit({
    maxSize: API_BODY_LIMIT_BYTES,
    onError: tooLarge,
  });
  // CSV uploads are streamed and bounded by the import route itself.
  api.use('*', async (c: Context<ApiV1Env, string>, next) => {
    if (c.req.method === 'GET' || (c.req.method === 'POST' && c.req.path === '/api/v1/imports'))
      return next();
    // A declared length is judged from the header alone, which leaves the body to the server's direct (fast)
    // reader; only chunked bodies need the streaming counter, which materialises a web Request.
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding'))
      return Number(length) > API_BODY_LIMIT_BYTES ? tooLarge(c) : next();
    return jsonBodyLimit(c, next);
  });
  api.use('*', apiKeyAuth(deps.db));

  api.get('/workspace', (c) => {
    const principal = c.get('principal');
    return c.json({
      workspace: principal.workspace,
      key: { name: principal.name, scopes: principal.scopes },
    });
  });

  mountIngestionRoutes(api, deps);
  mountContactRoutes(api, deps);
  mountConsentRoutes(api, deps);
  mountImportRoutes(api, deps);
  mountMessageRoutes(api, deps);
  return api;
}
