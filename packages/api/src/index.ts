export { appRouter, type AppRouter } from './app-router.ts';
export { createCallerFactory, type ProcedureMeta } from './trpc.ts';
export { inputSelecting, ruleApplies, type InputAccessRule } from './input-access.ts';
export type { ApiContext, ApiServices, SessionCookieWriter } from './context.ts';
export type {
  SandboxPort,
  SandboxEmail,
  SandboxEmailSummary,
  SandboxSms,
  SandboxWebhook,
  SandboxChatLine,
} from './sandbox-port.ts';
