import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import {
  appRouter,
  createCallerFactory,
  inputSelecting,
  type ApiContext,
  type ProcedureMeta,
} from '@switchboard/api';
import { can, resolveSession, type Permission, type SessionContext } from '@switchboard/accounts';
import { ROLES, type Role } from '@switchboard/db';
import { callerContext, TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const createCaller = createCallerFactory(appRouter);

async function sessionFor(role: Role): Promise<SessionContext> {
  const browser = new TestBrowser(t.app);
  await browser.signIn(acme.users[role].email, TEST_PASSWORD);
  return (await resolveSession(t.database.db.fork(), browser.cookie!, t.services.sessionSecret))!;
}

const contextFor = (session: SessionContext | null) => callerContext(t, session, 'role-walk');

/** Calls a procedure by its dotted path (with no input unless given); returns the tRPC error code, or 'OK'. */
async function outcome(ctx: ApiContext, path: string, input?: unknown): Promise<string> {
  let target: unknown = createCaller(ctx);
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    await (target as (input?: unknown) => Promise<unknown>)(input);
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `THREW ${(error as Error).message}`;
  }
}

interface ZodNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, ZodNode>;
      options?: ZodNode[];
      innerType?: ZodNode;
      in?: ZodNode;
    };
  };
}
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { meta?: ProcedureMeta; inputs?: ZodNode[] } }
  >,
);

/** Dotted paths of the unions in an input schema ('(input)' for the whole input), outside arrays and records. */
function unionPaths(schema: ZodNode | undefined, path: string[] = []): string[] {
  if (!schema) return [];
  const def = schema._zod.def;
  if (def.type === 'union') return [path.join('.') || '(input)'];
  if (def.innerType) return unionPaths(def.innerType, path);
  if (def.type === 'pipe' && def.in) return unionPaths(def.in, path);
  if (def.type === 'object' && def.shape)
    return Object.entries(def.shape).flatMap(([key, inner]) => unionPaths(inner, [...path, key]));
  return [];
}

describe('every tRPC procedure checks the role from the session', () => {
  it('declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(15);
    for (const [path, procedure] of procedures) expect(procedure._def.meta?.access, path).toBeDefined();
  });

  it('accounts for every variant inside a procedure: each union in an input is an action with its own permission or declared as the same access', () => {
    const undecided: string[] = [];
    for (const [path, procedure] of procedures) {
      const meta = procedure._def.meta!;
      const ruled = (meta.inputAccess ?? []).map((rule) => rule.when.split('=')[0]!);
      for (const union of (procedure._def.inputs ?? []).flatMap((input) => unionPaths(input))) {
        const covered =
          meta.sameAccessVariants?.includes(union) ||
          ruled.some(
            (rulePath) => union === '(input)' || rulePath === union || rulePath.startsWith(`${union}.`),
          );
        if (!covered) undecided.push(`${path}: ${union}`);
      }
    }
    // Each entry: a union whose variants have no permission decision (inputAccess or sameAccessVariants).
    expect(undecided).toEqual([]);
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

  for (const [path, procedure] of procedures) {
    const meta = procedure._def.meta!;
    for (const rule of meta.inputAccess ?? []) {
      it(`${path} with ${rule.when} (${meta.access} + ${rule.access})`, async () => {
        for (const role of ROLES) {
          const result = await outcome(contextFor((await sessions).get(role)!), path, inputSelecting(rule));
          const allowed = can(role, meta.access as Permission) && can(role, rule.access);
          if (allowed) expect(result, `${role} on ${path} with ${rule.when}`).not.toBe('FORBIDDEN');
          else expect(result, `${role} on ${path} with ${rule.when}`).toBe('FORBIDDEN');
        }
      });
    }
  }
});
