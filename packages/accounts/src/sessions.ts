import { Session, type EntityManager, type Role } from '@switchboard/db';
import { hmacSha256Hex, randomToken } from './secrets.ts';

/**
 * Session ids are HMAC-SHA256(SESSION_SECRET, cookie token): a database dump alone neither yields live cookies nor lets
 * anyone test guesses offline, and rotating SESSION_SECRET signs everybody out at once.
 */
export const sessionIdFor = (secret: string, token: string) => hmacSha256Hex(secret, token);

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
  input: {
    userId: string;
    workspaceId: string;
    secret: string;
    ip?: string | null;
    userAgent?: string | null;
  },
  now = new Date(),
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  em.create(Session, {
    id: sessionIdFor(input.secret, token),
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

interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  user_id: string;
  email: string;
  name: string;
  locale: string;
  workspace_id: string;
  slug: string;
  workspace_name: string;
  role: Role;
}

// Every signed-in request runs this, so it is one indexed round trip rather than four ORM lookups.
const SESSION_QUERY = `
  select s.id, s.csrf_token, s.last_seen_at, u.id as user_id, u.email, u.name, u.locale,
         w.id as workspace_id, w.slug, w.name as workspace_name, m.role
    from sessions s
    join users u on u.id = s.user_id
    join workspaces w on w.id = s.workspace_id
    join memberships m on m.user_id = s.user_id and m.workspace_id = s.workspace_id
   where s.id = ? and s.expires_at > ?`;

/** Resolves a cookie token to its user, workspace and current role; null when unknown, expired or no longer a member. */
export async function resolveSession(
  em: EntityManager,
  token: string,
  secret: string,
  now = new Date(),
): Promise<SessionContext | null> {
  if (!token || token.length > 100) return null;
  const [row] = await em
    .getConnection()
    .execute<SessionRow[]>(SESSION_QUERY, [sessionIdFor(secret, token), now]);
  if (!row) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > RENEW_AFTER_MS) {
    await em.nativeUpdate(
      Session,
      { id: row.id },
      { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
    );
  }
  return {
    sessionId: row.id,
    csrfToken: row.csrf_token,
    user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
    workspace: { id: row.workspace_id, slug: row.slug, name: row.workspace_name },
    role: row.role,
  };
}

export async function destroySession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeDelete(Session, { id: sessionId });
}
