import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/**
 * How much body each route may send, judged before anything reads it. CSV uploads are the exception: they are
 * streamed to their own 512 MiB bound, and only after the caller has been authenticated.
 */
export function bodyLimitFor(method: string, path: string, signedIn: boolean): number | 'streamed' {
  if (method === 'POST' && (path === '/api/v1/imports' || path === '/app/imports')) return 'streamed';
  if (path.startsWith('/api/v1/')) return MiB;
  // An agent's image for a reply (the route checks its own 5 MB bound after authenticating).
  if (method === 'POST' && path === '/app/inbox/attachments') return signedIn ? 5 * MiB + 64 * KiB : 16 * KiB;
  // Templates travel through tRPC as documents; without a session nothing larger than a sign-in is needed.
  if (path.startsWith('/trpc/')) return signedIn ? 2 * MiB : 16 * KiB;
  // Webhooks (Twilio posts a few KiB), one-click unsubscribe, double opt-in, tracking, pages.
  return 64 * KiB;
}

function tooLarge(c: Context, limit: number) {
  const size = limit >= MiB ? `${limit / MiB} MiB` : `${limit / KiB} KiB`;
  return c.json(
    {
      error: {
        code: 'payload_too_large',
        message: `The body is larger than ${size}, the most this route takes`,
      },
    },
    413,
  );
}

/**
 * Every route limits its body before reading it, unauthenticated ones included (sign-in, webhooks, unsubscribe),
 * so a 50 MB POST costs the server nothing. A declared Content-Length is judged from the header alone; a chunked
 * body is counted as it is read and refused at the limit.
 */
export function requestBodyLimit(hasSessionCookie: (c: Context) => boolean): MiddlewareHandler {
  const counters = new Map<number, MiddlewareHandler>();
  const counterFor = (limit: number) => {
    let counter = counters.get(limit);
    if (!counter) {
      counter = bodyLimit({ maxSize: limit, onError: (c) => tooLarge(c, limit) });
      counters.set(limit, counter);
    }
    return counter;
  };
  return async (c, next) => {
    const path = c.req.path;
    const cookieMatters = path.startsWith('/trpc/') || path === '/app/inbox/attachments';
    const limit = bodyLimitFor(c.req.method, path, cookieMatters ? hasSessionCookie(c) : false);
    if (limit === 'streamed') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding'))
      return Number(length) > limit ? tooLarge(c, limit) : next();
    // Reading methods carry no body without one of the two headers; anything else is counted as it is read.
    const method = c.req.method;
    if (!c.req.header('transfer-encoding') && (method === 'GET' || method === 'HEAD' || method === 'OPTIONS'))
      return next();
    return counterFor(limit)(c, next);
  };
}
