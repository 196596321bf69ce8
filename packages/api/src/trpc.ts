import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { can, DomainError, RateLimitedError, safeEqual, type Permission } from '@switchboard/accounts';
import { IdentityError, InputError } from '@switchboard/contacts';
import { findUnstorableInput } from '@switchboard/db';
import { SegmentCompileError } from '@switchboard/segments';
import type { ApiContext } from './context.ts';
import { ruleApplies, type InputAccessRule } from './input-access.ts';

/** Every procedure declares who may call it; the router-walking security test reads this. */
export interface ProcedureMeta {
  access: 'public' | 'signed-in' | Permission;
  /** Permissions that some inputs need on top of `access` (an action inside the procedure). */
  inputAccess?: InputAccessRule[];
  /**
   * Input fields holding a union whose every variant needs only `access` (data shapes, not actions). With
   * `inputAccess` this accounts for every union in the input; the permission walk checks that none is forgotten.
   */
  sameAccessVariants?: string[];
}

const DOMAIN_TO_TRPC = {
  validation: 'BAD_REQUEST',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  rate_limited: 'TOO_MANY_REQUESTS',
} as const;

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    // Inbox streams: a ping every 15 s keeps proxies from closing an idle stream, and a client that hears nothing for
    // 40 s reconnects (resuming after the last event id it saw).
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fieldErrors =
        cause instanceof ZodError
          ? Object.fromEntries(cause.issues.map((i) => [i.path.join('.') || '(input)', i.message]))
          : cause instanceof InputError
            ? cause.fields
            : cause instanceof IdentityError
              ? { [cause.field]: cause.message }
              : cause instanceof SegmentCompileError
                ? { [`rules.${cause.path}`]: cause.message }
                : cause instanceof DomainError && cause.field
                  ? { [cause.field]: cause.message }
                  : undefined;
      const retryAfterSeconds = cause instanceof RateLimitedError ? cause.retryAfterSeconds : undefined;
      return {
        ...shape,
        // Internal errors never reach the client with their stack or message; validation errors say which field
        // and what is wrong in a sentence (the details are in fieldErrors), never zod's JSON dump.
        message:
          error.code === 'INTERNAL_SERVER_ERROR'
            ? 'Something went wrong on our side; it has been logged'
            : fieldErrors && cause instanceof ZodError
              ? validationSentence(fieldErrors)
              : shape.message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fieldErrors, retryAfterSeconds },
      };
    },
  });

/** "Invalid name: Type a name" (and how many more fields are wrong). */
function validationSentence(fieldErrors: Record<string, string>): string {
  const [first, ...rest] = Object.entries(fieldErrors);
  if (!first) return 'Invalid input';
  const [field, message] = first;
  const more = rest.length ? ` (and ${rest.length} more field${rest.length > 1 ? 's' : ''})` : '';
  return `Invalid ${field}: ${message}${more}`;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns domain errors into tRPC errors and enforces CSRF on every mutation, for every procedure. */
const base = t.procedure.use(async ({ ctx, type, next, getRawInput }) => {
  // Text PostgreSQL cannot hold (NUL, unpaired surrogates), non-finite numbers and hostile nesting are refused
  // here, for every procedure, naming the field, before any procedure code or query sees them.
  const unstorable = findUnstorableInput(await getRawInput());
  if (unstorable) {
    const field = unstorable.path || '(input)';
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Invalid ${field}: ${unstorable.message}`,
      cause: new InputError({ [field]: unstorable.message }),
    });
  }
  if (type === 'mutation') {
    if (ctx.session) {
      if (!ctx.csrfHeader || !safeEqual(ctx.csrfHeader, ctx.session.csrfToken))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: 'Missing or wrong CSRF token; reload the page and try again',
        });
    } else if (!ctx.sameOrigin) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-site request refused' });
    }
  }
  const result = await next();
  const failure = result.ok ? undefined : result.error.cause;
  if (
    failure instanceof InputError ||
    failure instanceof IdentityError ||
    failure instanceof SegmentCompileError ||
    // A schema a procedure applies itself (a template draft, a saved block): still the caller's input, still a 400.
    failure instanceof ZodError
  ) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: failure.message, cause: failure });
  }
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: DOMAIN_TO_TRPC[cause.kind], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = base.meta({ access: 'public' });

const requireSession = base.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

export const protectedProcedure = requireSession.meta({ access: 'signed-in' });

/**
 * A procedure only roles holding `permission` may call (see PERMISSIONS in @switchboard/accounts); `inputAccess`
 * adds what particular inputs need, checked on the raw input before anything runs.
 */
export function permittedProcedure(
  permission: Permission,
  variants: Pick<ProcedureMeta, 'inputAccess' | 'sameAccessVariants'> = {},
) {
  return requireSession.meta({ access: permission, ...variants }).use(async ({ ctx, next, getRawInput }) => {
    if (!can(ctx.session.role, permission))
      throw new TRPCError({ code: 'FORBIDDEN', message: `Your role (${ctx.session.role}) cannot do this` });
    if (variants.inputAccess?.length) {
      const input = await getRawInput();
      const refused = variants.inputAccess.find(
        (rule) => ruleApplies(rule, input) && !can(ctx.session.role, rule.access),
      );
      if (refused)
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `Your role (${ctx.session.role}) cannot ${refused.doing}`,
        });
    }
    return next();
  });
}
