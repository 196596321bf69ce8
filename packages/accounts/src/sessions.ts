import { Membership, Session, User, Workspace, type EntityManager, type Role } from '@switchboard/db';
import { randomToken, sha256Hex } from './secrets.ts';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Touch the session at most this often, so reads do not become writes. */
const RENEW_AFTER_MS = 60 * 60 * 1000;

export interface SessionContext {
  sessionId: string;
  csrfToken: string;
  user: { id: string; email: string; name: string; locale: string };
  workspace: { id: string; slug: string; name: string };
  role: Role;
}

export async function createSession(
  em: EntityManager,
  input: { userId: string; workspaceId: string; ip?: string | null; userAgent?: string | null },
  now = new Date(),
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  em.create(Session, {
    id: sha256Hex(token),
    user: input.userId,
    workspace: input.workspaceId,
    csrfToken,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  await em.flush();
  return { token, csrfToken };
}

/** Resolves a cookie token to its user, workspace and current role; null when unknown, expired or no longer a member. */
export async function resolveSession(
  em: EntityManager,
  token: string,
  now = new Date(),
): Promise<SessionContext | null> {
  if (!token || token.length > 100) return null;
  const session = await em.findOne(Session, { id: sha256Hex(token) });
  if (!session || session.expiresAt <= now) return null;
  const [user, workspace, membership] = await Promise.all([
    em.findOne(User, { id: session.user }),
    em.findOne(Workspace, { id: session.workspace }),
    em.findOne(Membership, { user: session.user, workspace: session.workspace }),
  ]);
  if (!user || !workspace || !membership) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > RENEW_AFTER_MS) {
    session.lastSeenAt = now;
    session.expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await em.flush();
  }
  return {
    sessionId: session.id,
    csrfToken: session.csrfToken,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
    role: membership.role,
  };
}

export async function destroySession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeDelete(Session, { id: sessionId });
}

export async function deleteExpiredSessions(em: EntityManager, now = new Date()): Promise<number> {
  return em.nativeDelete(Session, { expiresAt: { $lte: now } });
}
