import type { Context, Hono } from 'hono';
import { escapeHtml } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import {
  preferencePage,
  savePreferences,
  unsubscribeFromAll,
  type PreferencePage,
} from '@switchboard/messaging';
import { clientIp } from '../../http/client-ip.ts';
import { preferenceText, type PreferenceText } from './preference-page-text.ts';

export interface UnsubscribeDeps {
  db: Database;
  trackingSecret: string;
  trustProxy: boolean;
}

const STYLE = `body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:560px;margin:0 auto;padding:24px 16px;line-height:1.55;color:#111827}
h1{font-size:22px;margin:8vh 0 8px}label{display:flex;gap:10px;align-items:flex-start;padding:10px 0;border-bottom:1px solid #e5e7eb;font-size:16px}
input[type=checkbox]{width:22px;height:22px;margin-top:2px}small{display:block;color:#6b7280}
button{font-size:16px;padding:12px 18px;border-radius:8px;border:0;cursor:pointer;width:100%;margin-top:14px}
.save{background:#2563eb;color:#fff}.all{background:#f3f4f6;color:#991b1b}.note{background:#ecfdf5;padding:10px 12px;border-radius:8px}
.lang{float:right;font-size:14px}`;

function layout(text: PreferenceText, title: string, body: string, token: string) {
  const other = text.lang === 'en' ? ['zh-CN', '中文'] : ['en', 'English'];
  return `<!doctype html><html lang="${text.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<a class="lang" href="/u/${escapeHtml(token)}?lang=${other[0]}">${other[1]}</a><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function preferenceForm(text: PreferenceText, page: PreferencePage, notice: string | null) {
  const topics = page.topics
    .map(
      (t) =>
        `<label><input type="checkbox" name="topic" value="${escapeHtml(t.key)}"${t.subscribed && !page.unsubscribedFromAll ? ' checked' : ''}><span>${escapeHtml(t.label)}${t.description ? `<small>${escapeHtml(t.description)}</small>` : ''}</span></label>`,
    )
    .join('');
  return `${notice ? `<p class="note" role="status">${escapeHtml(notice)}</p>` : ''}
<p>${escapeHtml(text.intro(page.maskedEmail))}</p>
${page.unsubscribedFromAll && page.topics.length > 0 ? `<p>${escapeHtml(text.resubscribe)}</p>` : ''}
<form method="post">${page.topics.length ? `<h2 style="font-size:16px">${escapeHtml(text.topicsHeading)}</h2>${topics}<button class="save" name="action" value="save">${escapeHtml(text.save)}</button>` : ''}
${page.unsubscribedFromAll ? (page.topics.length ? '' : `<button class="save" name="action" value="save">${escapeHtml(text.again)}</button>`) : `<button class="all" name="action" value="all">${escapeHtml(text.all)}</button>`}</form>`;
}

/**
 * /u/<token>: the unsubscribe link in every marketing email, with no login. GET only shows the choices (mail
 * scanners open every link); POST with `List-Unsubscribe=One-Click` is RFC 8058's one-click (200, no redirect, no
 * cookies needed); any other POST is the page's own form.
 */
export function mountUnsubscribePages(app: Hono, deps: UnsubscribeDeps) {
  const textFor = (c: Context, page: PreferencePage | null) =>
    preferenceText(c.req.query('lang'), page?.locale ?? null, c.req.header('accept-language'));
  const invalid = (c: Context) => {
    const text = textFor(c, null);
    return c.html(
      layout(text, text.invalidTitle, `<p>${escapeHtml(text.invalid)}</p>`, c.req.param('token') ?? ''),
      404,
    );
  };

  app.get('/u/:token', async (c) => {
    const token = c.req.param('token');
    const page = await preferencePage(deps.db.fork(), deps.trackingSecret, token);
    if (!page) return invalid(c);
    const text = textFor(c, page);
    c.header('Cache-Control', 'no-store');
    return c.html(layout(text, text.title(page.workspaceName), preferenceForm(text, page, null), token));
  });

  app.post('/u/:token', async (c) => {
    const token = c.req.param('token');
    const form: Record<string, unknown> = await c.req.parseBody({ all: true }).catch(() => ({}));
    const proof = { ip: clientIp(c, deps.trustProxy), userAgent: c.req.header('user-agent') };
    const em = deps.db.fork();
    c.header('Cache-Control', 'no-store');

    if (form['List-Unsubscribe'] === 'One-Click') {
      const done = await unsubscribeFromAll(em, deps.trackingSecret, token, {
        ...proof,
        method: 'one_click',
      });
      return done ? c.text('Unsubscribed', 200) : c.text('Unknown unsubscribe link', 404);
    }
    const chosen = ([] as unknown[])
      .concat(form.topic ?? [])
      .filter((t): t is string => typeof t === 'string');
    const done =
      form.action === 'save'
        ? await savePreferences(em, deps.trackingSecret, token, chosen, proof)
        : await unsubscribeFromAll(em, deps.trackingSecret, token, { ...proof, method: 'page' });
    if (!done) return invalid(c);
    const page = await preferencePage(em, deps.trackingSecret, token);
    if (!page) return invalid(c);
    const text = textFor(c, page);
    const notice = page.unsubscribedFromAll ? text.allDone(page.workspaceName) : text.saved;
    return c.html(layout(text, text.title(page.workspaceName), preferenceForm(text, page, notice), token));
  });
}
