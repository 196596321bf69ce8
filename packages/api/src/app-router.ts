import { webhooksRouter } from './routers/webhooks-router.ts';
import { router } from './trpc.ts';
import { authRouter } from './routers/auth-router.ts';
import { membersRouter } from './routers/members-router.ts';
import { apiKeysRouter } from './routers/api-keys-router.ts';
import { auditRouter } from './routers/audit-router.ts';
import { sandboxRouter } from './routers/sandbox-router.ts';
import { contactsRouter } from './routers/contacts-router.ts';
import { segmentsRouter } from './routers/segments-router.ts';
import { importsRouter } from './routers/imports-router.ts';
import { scoringRouter } from './routers/scoring-router.ts';
import { notificationsRouter } from './routers/notifications-router.ts';
import { attributesRouter } from './routers/attributes-router.ts';
import { crmRouter } from './routers/crm-router.ts';
import { topicsRouter } from './routers/topics-router.ts';
import { messagesRouter } from './routers/messages-router.ts';
import { channelsRouter } from './routers/channels-router.ts';
import { templatesRouter } from './routers/templates-router.ts';
import { campaignsRouter } from './routers/campaigns-router.ts';
import { journeysRouter } from './routers/journeys-router.ts';
import { analyticsRouter } from './routers/analytics-router.ts';
import { inboxRouter } from './routers/inbox-router.ts';

export const appRouter = router({
  auth: authRouter,
  members: membersRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
  audit: auditRouter,
  sandbox: sandboxRouter,
  contacts: contactsRouter,
  segments: segmentsRouter,
  imports: importsRouter,
  scoring: scoringRouter,
  notifications: notificationsRouter,
  attributes: attributesRouter,
  crm: crmRouter,
  topics: topicsRouter,
  messages: messagesRouter,
  channels: channelsRouter,
  templates: templatesRouter,
  campaigns: campaignsRouter,
  journeys: journeysRouter,
  analytics: analyticsRouter,
  inbox: inboxRouter,
});

export type AppRouter = typeof appRouter;
