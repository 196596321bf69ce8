import type { Hono } from 'hono';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter, type ApiContext, type ApiServices } from '@switchboard/api';
import { RateLimitedError, resolveSession } from '@switchboard/accounts';
import { decodeUtf8Strict, type Database } from '@switchboard/db';
import { readCookie, SESSION_COOKIE, sessionCookie } from '../http/session-cookie.ts';
import { isSameOrigin } from '../http/origin-check.ts';
import { clientIp } from '../http/client-ip.ts';
import type { Logger } from '../http/request-log.ts';

export interface TrpcRouteDeps {
  db: Database;
  services: ApiServices;
  secureCookies: boolean;
  trustProxy: boolean;
  logger: Logger;
}

export function mountTrpc(app: Hono, deps: TrpcRouteDeps) {
  app.all('/trpc/*', async (c) => {
    const req = await withStrictUtf8Body(c.req.raw);
    if (!req)
      return c.json(
        {
          error: {
            message: 'The request body is not valid UTF-8',
            // Like a body that is not JSON: the request as a whole cannot be read, so there is no field to name.
            code: -32700,
            data: { code: 'PARSE_ERROR', httpStatus: 400 },
          },
        },
        400,
      );
    return fetchRequestHandler({
      endpoint: '/trpc',
      req,
      router: appRouter,
      async createContext({ resHeaders }): Promise<ApiContext> {
        const em = deps.db.fork();
        const token = readCookie(c.req.header('cookie'), SESSION_COOKIE);
        const session = token ? await resolveSession(em, token, deps.services.sessionSecret) : null;
        return {
          em,
          session,
          ip: clientIp(c, deps.trustProxy),
          userAgent: c.req.header('user-agent') ?? null,
          csrfHeader: c.req.header('x-csrf-token') ?? null,
          sameOrigin: isSameOrigin(c.req.raw.headers, deps.services.publicUrl),
          services: deps.services,
          cookies: {
            set: (value) => resHeaders.append('set-cookie', sessionCookie(value, deps.secureCookies)),
            clear: () => resHeaders.append('set-cookie', sessionCookie(null, deps.secureCookies)),
          },
        };
      },
      // A 429 says when to come back in the standard header too, not only in the error's data.
      responseMeta({ errors }) {
        const limited = errors.find((e) => e.cause instanceof RateLimitedError)?.cause;
        return limited instanceof RateLimitedError
          ? { headers: new Headers({ 'Retry-After': String(limited.retryAfterSeconds) }) }
          : {};
      },
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          deps.logger.log('error', 'trpc procedure failed', {
            requestId: c.get('requestId' as never),
            path,
            error: error.cause?.stack ?? error.stack,
          });
      },
    });
  });
}

/**
 * The request with its body checked as UTF-8 (null when it is not): the fetch API would otherwise replace broken
 * bytes with U+FFFD without telling anyone, and store what the caller never sent.
 */
async function withStrictUtf8Body(raw: Request): Promise<Request | null> {
  if (raw.method !== 'POST' || !raw.body) return raw;
  const text = decodeUtf8Strict(new Uint8Array(await raw.arrayBuffer()));
  if (text === null) return null;
  const headers = new Headers(raw.headers);
  headers.delete('content-length');
  return new Request(raw.url, { method: raw.method, headers, body: text });
}
