import type { Context, Hono } from 'hono';
import type { Database } from '@switchboard/db';
import { readClickToken, recordClick, recordOpen, type HitContext } from '@switchboard/messaging';
import { clientIp } from '../../http/client-ip.ts';
import type { Logger } from '../../http/request-log.ts';

/** The smallest transparent GIF: 43 bytes. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface TrackingDeps {
  db: Database;
  trackingSecret: string;
  trustProxy: boolean;
  logger: Logger;
}

const hitOf = (c: Context, trustProxy: boolean): HitContext => ({
  method: c.req.method,
  userAgent: c.req.header('user-agent'),
  ip: clientIp(c, trustProxy),
});

/**
 * /t/o/<token>.gif records an open and always answers the pixel; /t/c/<token> records a click and redirects to the
 * signed target only. Recording never delays or breaks the person's click: a database hiccup is logged, the
 * redirect still happens.
 */
export function mountTracking(app: Hono, deps: TrackingDeps) {
  const noStore = (c: Context) => {
    c.header('Cache-Control', 'no-store, no-cache, must-revalidate, private');
    c.header('Referrer-Policy', 'no-referrer');
  };

  app.on(['GET', 'HEAD'], '/t/o/:token', async (c) => {
    const token = c.req.param('token').replace(/\.gif$/, '');
    await recordOpen(deps.db.fork(), deps.trackingSecret, token, hitOf(c, deps.trustProxy)).catch(
      (error: unknown) => deps.logger.log('error', 'open not recorded', { error: String(error) }),
    );
    noStore(c);
    return c.body(PIXEL, 200, { 'Content-Type': 'image/gif', 'Content-Length': String(PIXEL.length) });
  });

  app.on(['GET', 'HEAD'], '/t/c/:token', async (c) => {
    const token = c.req.param('token');
    const target = readClickToken(deps.trackingSecret, token)?.url ?? null;
    if (target) {
      await recordClick(deps.db.fork(), deps.trackingSecret, token, hitOf(c, deps.trustProxy)).catch(
        (error: unknown) => deps.logger.log('error', 'click not recorded', { error: String(error) }),
      );
    }
    noStore(c);
    if (!target)
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>Link not valid</title><p style="font-family:system-ui;margin:10vh auto;max-width:480px">This link is not valid. Copy the whole link from the email, or open the email again.</p>',
        404,
      );
    return c.redirect(target, 302);
  });
}
