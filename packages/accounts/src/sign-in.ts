import { Membership, SignInAttempt, User, Workspace, type EntityManager } from '@switchboard/db';
import { DomainError, RateLimitedError } from './errors.ts';
import { hashPassword, verifyPassword } from './secrets.ts';
import { createSession } from './sessions.ts';
import { SIGN_IN_LIMITS, signInRetryAfter } from './sign-in-rate-limit.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** Which workspace to open when the user belongs to several; defaults to the oldest membership. */
  workspaceSlug?: string;
  ip: string;
  userAgent?: string | null;
  sessionSecret: string;
}

// Verifying against a real hash when the user does not exist keeps response times equal for known and unknown emails.
let dummyHash: Promise<string> | undefined;

export async function signIn(em: EntityManager, input: SignInInput, now = new Date()) {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowSeconds * 1000);
  const [forEmail, forIp, oldest] = await Promise.all([
    em.count(SignInAttempt, { email, createdAt: { $gt: since } }),
    em.count(SignInAttempt, { ip: input.ip, createdAt: { $gt: since } }),
    em.findOne(
      SignInAttempt,
      { $or: [{ email }, { ip: input.ip }], createdAt: { $gt: since } },
      { orderBy: { createdAt: 'asc' } },
    ),
  ]);
  const retryAfter = signInRetryAfter({ forEmail, forIp, oldestAt: oldest?.createdAt ?? null }, now);
  if (retryAfter > 0) throw new RateLimitedError(retryAfter);

  const user = await em.findOne(User, { email });
  dummyHash ??= hashPassword('switchboard-dummy-password');
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !valid) {
    await em.insert(SignInAttempt, { email: email.slice(0, 320), ip: input.ip, createdAt: now });
    throw new DomainError('unauthenticated', 'Email or password is wrong');
  }

  const memberships = await em.find(Membership, { user: user.id }, { orderBy: { createdAt: 'asc' } });
  let membership = memberships[0];
  if (input.workspaceSlug) {
    const workspace = await em.findOne(Workspace, { slug: input.workspaceSlug });
    membership = memberships.find((m) => m.workspace === workspace?.id);
  }
  if (!membership) throw new DomainError('forbidden', 'This account is not a member of that workspace');

  await em.nativeDelete(SignInAttempt, { email });
  const session = await createSession(
    em,
    {
      userId: user.id,
      workspaceId: membership.workspace,
      secret: input.sessionSecret,
      ip: input.ip,
      userAgent: input.userAgent ?? null,
    },
    now,
  );
  return { ...session, userId: user.id, workspaceId: membership.workspace };
}
