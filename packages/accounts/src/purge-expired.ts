import { Invite, Session, SignInAttempt, type EntityManager } from '@switchboard/db';
import { SIGN_IN_LIMITS } from './sign-in-rate-limit.ts';

/** Keep expired and revoked invites this long so admins can still see what happened to them. */
const INVITE_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Expired sessions, sign-in failures past the rate-limit window, and long-dead invites. */
export async function purgeExpiredAccountData(em: EntityManager, now: Date) {
  const sessions = await em.nativeDelete(Session, { expiresAt: { $lte: now } });
  const signInAttempts = await em.nativeDelete(SignInAttempt, {
    createdAt: { $lt: new Date(now.getTime() - SIGN_IN_LIMITS.windowSeconds * 1000) },
  });
  const invites = await em.nativeDelete(Invite, {
    acceptedAt: null,
    expiresAt: { $lt: new Date(now.getTime() - INVITE_RETENTION_MS) },
  });
  return { sessions, signInAttempts, invites };
}
