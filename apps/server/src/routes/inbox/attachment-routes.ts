import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { can, safeEqual } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import {
  attachmentContent,
  MAX_ATTACHMENT_BYTES,
  storeAttachment,
  validMediaSignature,
} from '@switchboard/inbox';
import { sessionOf } from '../../http/session-auth.ts';
import { isSameOrigin } from '../../http/origin-check.ts';
import { toApiErrorResponse } from '../api-v1/api-errors.ts';

export interface AttachmentRouteDeps {
  db: Database;
  sessionSecret: string;
  publicUrl: string;
  /** Signs the public media addresses Twilio fetches MMS images from. */
  trackingSecret: string;
}

const problem = (c: Context, status: 401 | 403 | 404 | 413, code: string, message: string) =>
  c.json({ error: { code, message } }, status);

/** An image as the browser or Twilio gets it: its own type, never sniffed into something else, cached privately. */
function image(c: Context, file: { contentType: string; filename: string; content: Buffer }) {
  return c.body(new Uint8Array(file.content), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, max-age=86400',
  });
}

/**
 * Images agents attach to replies: uploaded as the request body (session, permission, CSRF and same-origin checked,
 * as tRPC does for mutations), shown to the workspace's screens, and served at a signed address for Twilio's MMS.
 */
export function mountAttachmentRoutes(app: Hono, deps: AttachmentRouteDeps) {
  app.post(
    '/app/inbox/attachments',
    bodyLimit({
      maxSize: MAX_ATTACHMENT_BYTES,
      onError: (c) =>
        problem(c, 413, 'too_large', 'An image may be at most 5 MB; make it smaller and try again'),
    }),
    async (c) => {
      try {
        const em = deps.db.fork();
        const session = await sessionOf(c, em, deps.sessionSecret);
        if (!session) return problem(c, 401, 'unauthenticated', 'Sign in first');
        const csrf = c.req.header('x-csrf-token');
        if (!csrf || !safeEqual(csrf, session.csrfToken) || !isSameOrigin(c.req.raw.headers, deps.publicUrl))
          return problem(c, 403, 'forbidden', 'Missing or wrong CSRF token; reload the page and try again');
        if (!can(session.role, 'inbox.reply'))
          return problem(c, 403, 'forbidden', 'Your role cannot answer conversations');
        const ref = await storeAttachment(em, session.workspace.id, session.user.id, {
          filename: c.req.query('filename') ?? '',
          bytes: Buffer.from(await c.req.arrayBuffer()),
        });
        return c.json({ ...ref, url: `/app/inbox/attachments/${ref.id}` }, 201);
      } catch (error) {
        return toApiErrorResponse(c, error, (e) => {
          throw e;
        });
      }
    },
  );

  app.get('/app/inbox/attachments/:id', async (c) => {
    const em = deps.db.fork();
    const session = await sessionOf(c, em, deps.sessionSecret);
    if (!session) return problem(c, 401, 'unauthenticated', 'Sign in first');
    if (!can(session.role, 'inbox.read'))
      return problem(c, 403, 'forbidden', 'Your role cannot read the inbox');
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/i.test(id)) return problem(c, 404, 'not_found', 'Attachment not found');
    const file = await attachmentContent(em, id, session.workspace.id).catch(() => null);
    return file ? image(c, file) : problem(c, 404, 'not_found', 'Attachment not found');
  });

  app.get('/media/:id/:signature/:name', async (c) => {
    const id = c.req.param('id');
    if (
      !/^[0-9a-f-]{36}$/i.test(id) ||
      !validMediaSignature(deps.trackingSecret, id, c.req.param('signature'))
    )
      return problem(c, 404, 'not_found', 'Not found');
    const file = await attachmentContent(deps.db.fork(), id).catch(() => null);
    return file ? image(c, file) : problem(c, 404, 'not_found', 'Not found');
  });
}
