export {
  DomainError,
  RateLimitedError,
  validationError,
  notFound,
  forbidden,
  conflict,
  unauthenticated,
  checkIdempotencyKey,
} from './errors.ts';
export { hashPassword, verifyPassword, randomToken, sha256Hex, safeEqual } from './secrets.ts';
export { can, canGrantRole, PERMISSIONS, type Permission } from './permissions.ts';
export { recordAudit, listAudit, type Actor } from './audit-log.ts';
export { normaliseEmail, assertPasswordStrength, PASSWORD_MIN_LENGTH } from './email-address.ts';
export {
  createSession,
  sessionIdFor,
  resolveSession,
  destroySession,
  SESSION_TTL_MS,
  type SessionContext,
} from './sessions.ts';
export { signIn } from './sign-in.ts';
export { SIGN_IN_LIMITS } from './sign-in-rate-limit.ts';
export { createWorkspaceWithOwner, findWorkspaceBySlug } from './workspaces.ts';
export { listMembers, changeMemberRole, removeMember } from './members.ts';
export { inviteMember, listPendingInvites, revokeInvite, describeInvite, acceptInvite } from './invites.ts';
export {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  authenticateApiKey,
  API_SCOPES,
  type ApiScope,
  type ApiKeyPrincipal,
} from './api-keys.ts';
export { ApiKeyCache } from './api-key-cache.ts';
export { seedDemoWorkspace, DEMO } from './demo-workspace.ts';
export type { TransactionalMailer } from './mailer-port.ts';
export { purgeExpiredAccountData } from './purge-expired.ts';
export { listNotifications, markNotificationsRead } from './notifications.ts';
export { escapeHtml } from './escape-html.ts';
export { setUserLocale, userLocale, USER_LOCALES, type UserLocale } from './user-locale.ts';
export { notificationCopy, type NotificationCopy } from './notification-copy.ts';
