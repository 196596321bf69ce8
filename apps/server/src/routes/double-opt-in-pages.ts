import type { Context, Hono } from 'hono';
import { escapeHtml } from '@switchboard/accounts';
import { confirmDoubleOptIn, verifyDoubleOptIn } from '@switchboard/contacts';
import type { Database } from '@switchboard/db';
import { clientIp } from '../http/client-ip.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:520px;margin:10vh auto;padding:24px;line-height:1.5">
<h1 style="font-size:22px">${escapeHtml(title)}</h1>${body}</body></html>`;

const MESSAGES = {
  invalid: ['This link is not valid', 'Copy the whole link from the email, or sign up again.'],
  expired: ['This link has expired', 'Confirmation links work for 7 days. Sign up again to get a new one.'],
  gone: ['Nothing to confirm', 'This address is no longer on our list.'],
} as const;

/**
 * The public confirmation pages of double opt-in. Opening the link only shows a button: mail scanners that fetch
 * every link must not subscribe people. The button's POST records the consent with the confirming IP and browser.
 */
export function mountDoubleOptInPages(
  app: Hono,
  deps: { db: Database; sessionSecret: string; trustProxy: boolean },
) {
  const problem = (c: Context, reason: keyof typeof MESSAGES) =>
    c.html(page(MESSAGES[reason][0], `<p>${MESSAGES[reason][1]}</p>`), reason === 'invalid' ? 400 : 410);

  app.get('/confirm/:token', (c) => {
    const token = c.req.param('token');
    const verified = verifyDoubleOptIn(deps.sessionSecret, token);
    if (!verified.ok) return problem(c, verified.reason);
    c.header('Cache-Control', 'no-store');
    return c.html(
      page(
        'Confirm your subscription',
        `<p>One click and you are subscribed${verified.payload.t ? ` to <strong>${escapeHtml(verified.payload.t)}</strong>` : ''}.</p>
<form method="post"><button type="submit" style="background:#2563eb;color:#fff;border:0;padding:10px 18px;border-radius:6px;font-size:16px;cursor:pointer">Confirm my subscription</button></form>`,
      ),
    );
  });

  app.post('/confirm/:token', async (c) => {
    const userAgent = c.req.header('user-agent');
    const outcome = await confirmDoubleOptIn(deps.db.fork(), deps.sessionSecret, c.req.param('token'), {
      ip: clientIp(c, deps.trustProxy),
      ...(userAgent ? { userAgent: userAgent.slice(0, 400) } : {}),
    });
    if (outcome !== 'confirmed') return problem(c, outcome);
    return c.html(
      page(
        'You are subscribed',
        '<p>Thank you for confirming. You can unsubscribe from any email we send.</p>',
      ),
    );
  });
}
