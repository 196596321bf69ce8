import type { Hono } from 'hono';
import { escapeHtml } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { ratingPage, readRatingToken, recordRating } from '@switchboard/inbox';

export interface RatingPageDeps {
  db: Database;
  /** Signs the links (SESSION_SECRET): the same on every server. */
  secret: string;
}

const TEXT = {
  en: {
    title: (name: string) => `How did ${name} do?`,
    ask: 'Your answer goes to the team that helped you.',
    labels: ['1 · Poor', '2', '3', '4', '5 · Great'],
    thanks: 'Thank you! Your rating was saved.',
    already: (score: number) => `Thank you — you rated this conversation ${score} out of 5.`,
    stale: 'This rating link is no longer valid; a newer one was sent.',
    invalid: 'This rating link is not valid.',
  },
  zh: {
    title: (name: string) => `请为${name}的服务评分`,
    ask: '您的评分将发送给为您服务的团队。',
    labels: ['1 · 很差', '2', '3', '4', '5 · 很好'],
    thanks: '谢谢！已收到您的评分。',
    already: (score: number) => `谢谢——您已为本次服务评 ${score} 分（满分 5 分）。`,
    stale: '此评分链接已失效，我们发送了新的链接。',
    invalid: '此评分链接无效。',
  },
} as const;

const STYLE = `body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:520px;margin:0 auto;padding:24px 16px;line-height:1.55;color:#111827}
h1{font-size:22px;margin:8vh 0 8px}form{display:flex;gap:8px;flex-wrap:wrap;margin-top:16px}
button{flex:1 1 80px;font-size:18px;padding:14px 8px;border-radius:8px;border:1px solid #d1d5db;background:#f9fafb;cursor:pointer}
button:hover{background:#dbeafe}.note{background:#ecfdf5;padding:10px 12px;border-radius:8px}`;

function html(lang: 'en' | 'zh', title: string, body: string) {
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/**
 * /rate/<token>: the one-question survey sent after a conversation is resolved (email and SMS). GET only shows the
 * question (link scanners open every link); the contact's click POSTs the score, which is kept once.
 */
export function mountRatingPages(app: Hono, deps: RatingPageDeps) {
  app.on(['GET', 'POST'], '/rate/:token', async (c) => {
    c.header('Cache-Control', 'no-store');
    const token = readRatingToken(deps.secret, c.req.param('token'));
    const em = deps.db.fork();
    const page = token ? await ratingPage(em, token.conversationId, token.requestedAt) : null;
    const lang = /^zh/i.test(page?.locale ?? c.req.header('accept-language') ?? '') ? 'zh' : 'en';
    const text = TEXT[lang];
    if (!token || !page) return c.html(html(lang, text.invalid, ''), 404);
    const title = text.title(page.workspaceName);
    if (!page.current) return c.html(html(lang, title, `<p class="note">${escapeHtml(text.stale)}</p>`), 410);
    if (c.req.method === 'POST') {
      const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
      const score = Number(form['score']);
      if (!Number.isInteger(score) || score < 1 || score > 5)
        return c.html(html(lang, title, `<p>${escapeHtml(text.ask)}</p>`), 400);
      const outcome = await em.transactional((tx) =>
        recordRating(tx, {
          conversationId: token.conversationId,
          requestedAt: token.requestedAt,
          score,
          via: 'link',
        }),
      );
      if (outcome === 'stale')
        return c.html(html(lang, title, `<p class="note">${escapeHtml(text.stale)}</p>`), 410);
      const saved = outcome === 'recorded' ? text.thanks : text.already(page.score ?? score);
      return c.html(html(lang, title, `<p class="note" role="status">${escapeHtml(saved)}</p>`));
    }
    if (page.score !== null)
      return c.html(html(lang, title, `<p class="note">${escapeHtml(text.already(page.score))}</p>`));
    const buttons = text.labels
      .map((label, i) => `<button name="score" value="${i + 1}">${escapeHtml(label)}</button>`)
      .join('');
    return c.html(html(lang, title, `<p>${escapeHtml(text.ask)}</p><form method="post">${buttons}</form>`));
  });
}
