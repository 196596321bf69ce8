import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from '@switchboard/db';
import { apiKeyAuth, type ApiV1Env } from './api-key-auth.ts';
import { apiError, toApiErrorResponse } from './api-errors.ts';
import { openApiDocument } from './openapi-document.ts';
import { mountIngestionRoutes } from './ingestion-routes.ts';
import { mountContactRoutes } from './contacts-routes.ts';
import { mountConsentRoutes } from './consent-routes.ts';
import type { Logger } from '../../http/request-log.ts';

export const API_BODY_LIMIT_BYTES = 1024 * 1024;

export function createApiV1(deps: { db: Database; publicUrl: string; logger: Logger }) {
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

  api.use(
    '*',
    bodyLimit({
      maxSize: API_BODY_LIMIT_BYTES,
      onError: (c) =>
        apiError(c, 413, 'payload_too_large', `The body is larger than ${API_BODY_LIMIT_BYTES / 1024} KiB`),
    }),
  );
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
  return api;
}
