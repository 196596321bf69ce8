import { Hono } from 'hono';
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
import { mountJourneyRoutes } from './journeys-routes.ts';
import { mountConversationRoutes } from './conversations-routes.ts';
import { mountWebhookRoutes } from './webhooks-routes.ts';
import { mountSuppressionRoutes } from './suppressions-routes.ts';
import { mountTemplateRoutes } from './templates-routes.ts';
import { mountCampaignRoutes } from './campaigns-routes.ts';
import { mountSegmentRoutes } from './segments-routes.ts';
import type { Logger } from '../../http/request-log.ts';

export function createApiV1(deps: {
  db: Database;
  publicUrl: string;
  logger: Logger;
  temporal: Client;
  taskQueue: string;
  mailer: TransactionalMailer;
  sessionSecret: string;
  queues: DeliveryQueues;
  webhookPrivateTargets: readonly string[];
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

  // Bodies are limited (1 MiB) for every route before anything reads them: see http/request-body-limit.ts.
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
  mountJourneyRoutes(api, deps);
  mountConversationRoutes(api, deps);
  mountWebhookRoutes(api, deps);
  mountSuppressionRoutes(api, deps);
  mountTemplateRoutes(api, deps);
  mountSegmentRoutes(api, deps);
  mountCampaignRoutes(api, deps);
  return api;
}
