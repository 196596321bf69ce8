import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { appRouter, createCallerFactory, type ApiContext, type ProcedureMeta } from '@switchboard/api';
import { can, resolveSession, type SessionContext } from '@switchboard/accounts';
import { ROLES, type Role } from '@switchboard/db';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const createCaller = createCallerFactory(appRouter);

async function sessionFor(role: Role): Promise<SessionContext> {
  const browser = new TestBrowser(t.app);
  await browser.signIn(acme.users[role].email, TEST_PASSWORD);
  return (await resolveSession(t.database.db.fork(), browser.cookie!, t.services.sessionSecret))!;
}

function contextFor(session: SessionContext | null): ApiContext {
  return {
    em: t.database.db.fork(),
    session,
    ip: '127.0.0.1',
    userAgent: 'role-walk',
    csrfHeader: session?.csrfToken ?? null,
    sameOrigin: true,
    cookies: { set: () => undefined, clear: () => undefined },
    services: t.services,
  };
}

/** Calls a procedure by its dotted path with no input; returns the tRPC error code, or 'OK'. */
async function outcome(ctx: ApiContext, path: string): Promise<string> {
  let target: unknown = createCaller(ctx);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    await (target as (input?: unknown) => Promise<unknown>)(undefined);
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `THREW ${(error as Error).message}`;
  }
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>,
);

describe('every tRPC procedure checks the role from the session', () => {
  it('declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(15);
    for (const [path, procedure] of procedures) expect(procedure._def.meta?.access, path).toBeDefined();
  });

  const sessions = Promise.all(ROLES.map(async (role) => [role, await sessionFor(role)] as const)).then(
    (e) => new Map(e),
  );

  // signOut would end the session the other calls use; it is covered by its own test.
  for (const [path, procedure] of procedures.filter(([p]) => p !== 'auth.signOut')) {
    const access = procedure._def.meta!.access;
    if (access === 'public') continue;
    it(`${path} (${access})`, async () => {
      expect(await outcome(contextFor(null), path)).toBe('UNAUTHORIZED');
      for (const role of ROLES) {
        const result = await outcome(contextFor((await sessions).get(role)!), path);
        const allowed = access === 'signed-in' || can(role, access);
        if (allowed) expect(['OK', 'BAD_REQUEST', 'NOT_FOUND'], `${role} on ${path}`).toContain(result);
        else expect(result, `${role} on ${path}`).toBe('FORBIDDEN');
      }
    });
  }
});
