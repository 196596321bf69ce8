import type { Context, Hono } from 'hono';
import { escapeHtml } from '@switchboard/accounts';
import {
  confirmDoubleOptIn,
  OPT_IN_PAGES,
  optInLanguageOfHeader,
  verifyDoubleOptIn,
} from '@switchboard/contacts';
import type { Database } from '@switchboard/db';
import { clientIp } from '../http/client-ip.ts';

const page = (lang: string, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:520px;margin:10vh auto;padding:24px;line-height:1.5">
<h1 style="font-size:22px">${escapeHtml(title)}</h1>${body}</body></html>`;

/** The pages speak the browser's language (the link carries none: it may be opened on another device). */
const wordsFor = (c: Context) => OPT_IN_PAGES[optInLanguageOfHeader(c.req.header('accept-language'))];

/**
 * The public confirmation pages of double opt-in. Opening the link only shows a button: mail scanners that fetch
 * every link must not subscribe people. The button's POST records the consent with the confirming IP and browser.
 */
export function mountDoubleOptInPages(
  app: Hono,
  deps: { db: Database; sessionSecret: string; trustProxy: boolean },
) {
  const problem = (c: Context, reason: 'invalid' | 'expired' | 'gone') => {
    const words = wordsFor(c);
    const [title, text] = words[reason];
    return c.html(page(words.lang, title, `<p>${text}</p>`), reason === 'invalid' ? 400 : 410);
  };

  app.get('/confirm/:token', (c) => {
    const token = c.req.param('token');
    const verified = verifyDoubleOptIn(deps.sessionSecret, token);
    if (!verified.ok) return problem(c, verified.reason);
    c.header('Cache-Control', 'no-store');
    const words = wordsFor(c);
    const topic = verified.payload.t ? escapeHtml(verified.payload.t) : null;
    return c.html(
      page(
        words.lang,
        words.confirmTitle,
        `<p>${words.confirmBody(topic)}</p>
<form method="post"><button type="submit" style="background:#2563eb;color:#fff;border:0;padding:10px 18px;border-radius:6px;font-size:16px;cursor:pointer">${words.button}</button></form>`,
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
    const words = wordsFor(c);
    return c.html(page(words.lang, words.doneTitle, `<p>${words.doneBody}</p>`));
  });
}
