import { Membership, SignInAttempt, User, Workspace, type EntityManager } from '@switchboard/db';
import { DomainError, RateLimitedError } from './errors.ts';
import { hashPassword, verifyPassword } from './secrets.ts';
import { createSession } from './sessions.ts';
import { SIGN_IN_LIMITS, signInRetryAfter } from './sign-in-rate-limit.ts';

/**
 * Checks the limits and records this attempt as a failure in one step, serialised per account and per address, so
 * parallel guesses cannot all pass the check before any of them is counted. A successful sign-in removes it again.
 */
async function reserveAttempt(em: EntityManager, email: string, ip: string, now: Date): Promise<void> {
  await em.transactional(async (tx) => {
    const run = <T>(query: string, params: unknown[]) =>
      tx.getConnection().execute<T[]>(query, params, 'all', tx.getTransactionContext());
    // Always the account before the address: two attempts can never wait on each other in a cycle.
    await run(
      `select pg_advisory_xact_lock(hashtext('sign-in:account:' || ?)), pg_advisory_xact_lock(hashtext('sign-in:ip:' || ?))`,
      [email, ip],
    );
    const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowSeconds * 1000);
    const filling = `select created_at from sign_in_attempts where %s and created_at > ? order by created_at desc offset ? limit 1`;
    const [row] = await run<{ account_and_ip: Date | null; ip: Date | null; account: Date | null }>(
      `select (${filling.replace('%s', 'email = ? and ip = ?')}) as account_and_ip,
              (${filling.replace('%s', 'ip = ?')}) as ip,
              (${filling.replace('%s', 'email = ?')}) as account`,
      [
        email,
        ip,
        since,
        SIGN_IN_LIMITS.perAccountAndIp - 1,
        ip,
        since,
        SIGN_IN_LIMITS.perIp - 1,
        email,
        since,
        SIGN_IN_LIMITS.perAccount - 1,
      ],
    );
    const at = (value: Date | string | null | undefined) => (value ? new Date(value) : null);
    const retryAfter = signInRetryAfter(
      { accountAndIp: at(row?.account_and_ip), ip: at(row?.ip), account: at(row?.account) },
      now,
    );
    if (retryAfter > 0) throw new RateLimitedError(retryAfter);
    await run('insert into sign_in_attempts (email, ip, created_at) values (?, ?, ?)', [email, ip, now]);
  });
}

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
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const ip = input.ip.slice(0, 64);
  await reserveAttempt(em, email, ip, now);

  const user = await em.findOne(User, { email });
  dummyHash ??= hashPassword('switchboard-dummy-password');
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  // A wrong password leaves the reserved attempt in place: it is the failure the limits count.
  if (!user || !valid) throw new DomainError('unauthenticated', 'Email or password is wrong');

  const memberships = await em.find(Membership, { user: user.id }, { orderBy: { createdAt: 'asc' } });
  let membership = memberships[0];
  if (input.workspaceSlug) {
    const workspace = await em.findOne(Workspace, { slug: input.workspaceSlug });
    membership = memberships.find((m) => m.workspace === workspace?.id);
  }
  if (!membership) throw new DomainError('forbidden', 'This account is not a member of that workspace');

  // This place's failures (and the reservation) are forgiven; guesses from elsewhere still count against the account.
  await em.nativeDelete(SignInAttempt, { email, ip });
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
