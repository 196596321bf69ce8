import type { MiddlewareHandler } from 'hono';
import { ApiKeyCache, type ApiKeyPrincipal } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { apiError } from './api-errors.ts';

export type ApiV1Env = { Variables: { principal: ApiKeyPrincipal; requestId: string } };

/** `Authorization: Bearer sb_live_…`; the workspace always comes from the key, never from the request. */
export function apiKeyAuth(db: Database): MiddlewareHandler<ApiV1Env> {
  const keys = new ApiKeyCache();
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1])
      return apiError(
        c,
        401,
        'unauthenticated',
        'Send your API key as "Authorization: Bearer <key>" (Settings → API keys)',
      );
    const principal = await keys.authenticate(() => db.fork(), match[1]);
    if (!principal) return apiError(c, 401, 'unauthenticated', 'This API key is unknown or has been revoked');
    c.set('principal', principal);
    await next();
  };
}

export function requireScope(scope: string): MiddlewareHandler<ApiV1Env> {
  return async (c, next) => {
    if (!c.get('principal').scopes.includes(scope))
      return apiError(c, 403, 'forbidden', `This API key lacks the "${scope}" scope`);
    await next();
  };
}
