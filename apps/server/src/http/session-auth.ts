import type { Context } from 'hono';
import { resolveSession } from '@switchboard/accounts';
import type { EntityManager } from '@switchboard/db';
import { readCookie, SESSION_COOKIE } from './session-cookie.ts';

/** The signed-in session behind a plain (non-tRPC) request, from its cookie; null when there is none. */
export async function sessionOf(c: Context, em: EntityManager, sessionSecret: string) {
  const token = readCookie(c.req.header('cookie'), SESSION_COOKIE);
  return token ? resolveSession(em, token, sessionSecret) : null;
}
