import type { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { can, safeEqual } from '@switchboard/accounts';
import { importHeader, rejectedRowsCsv } from '@switchboard/imports';
import { sessionOf } from '../../http/session-auth.ts';
import { clientIp } from '../../http/client-ip.ts';
import { isSameOrigin } from '../../http/origin-check.ts';
import { toApiErrorResponse } from '../api-v1/api-errors.ts';
import { acceptImport, type ImportDeps } from './accept-import.ts';

/**
 * The web app's import endpoints. The file is streamed as the request body (tRPC speaks JSON), so this route does
 * what tRPC does for mutations itself: session cookie, permission, CSRF token and same-origin check.
 */
export function mountAppImports(
  app: Hono,
  deps: ImportDeps & { sessionSecret: string; publicUrl: string; trustProxy: boolean },
) {
  app.post('/app/imports', async (c) => {
    try {
      const session = await sessionOf(c, deps.db.fork(), deps.sessionSecret);
      if (!session) return c.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401);
      const csrf = c.req.header('x-csrf-token');
      if (!csrf || !safeEqual(csrf, session.csrfToken) || !isSameOrigin(c.req.raw.headers, deps.publicUrl))
        return c.json(
          {
            error: {
              code: 'forbidden',
              message: 'Missing or wrong CSRF token; reload the page and try again',
            },
          },
          403,
        );
      if (!can(session.role, 'contacts.import'))
        return c.json({ error: { code: 'forbidden', message: 'Your role cannot import contacts' } }, 403);
      return await acceptImport(c, deps, session.workspace.id, {
        type: 'user',
        id: session.user.id,
        label: session.user.email,
        ip: clientIp(c, deps.trustProxy),
      });
    } catch (error) {
      return toApiErrorResponse(c, error, (e) => {
        throw e;
      });
    }
  });

  app.get('/app/imports/:id/rejected.csv', async (c) => {
    const em = deps.db.fork();
    const session = await sessionOf(c, em, deps.sessionSecret);
    if (!session) return c.json({ error: { code: 'unauthenticated', message: 'Sign in first' } }, 401);
    if (!can(session.role, 'contacts.read'))
      return c.json({ error: { code: 'forbidden', message: 'Your role cannot read contacts' } }, 403);
    const id = c.req.param('id');
    const found = await importHeader(em, session.workspace.id, id);
    if (!found) return c.json({ error: { code: 'not_found', message: 'Import not found' } }, 404);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(`${found.fileName.replace(/\.csv$/i, '')}-rejected.csv`)}`,
    );
    c.header('Cache-Control', 'no-store');
    return stream(c, async (out) => {
      for await (const chunk of rejectedRowsCsv(em, id, found.header)) await out.write(chunk);
    });
  });
}
