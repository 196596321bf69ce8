import { Hono } from 'hono';
import type { SmtpCatcher } from './smtp/smtp-catcher.ts';
import { createTwilioPeer, type TwilioPeerOptions } from './sms/twilio-peer.ts';
import { createWebhookReceiver } from './webhooks/webhook-receiver.ts';

/**
 * One HTTP server for the sandbox: Twilio's API for the product, a CRM that receives its webhooks, and a read API
 * for the Sandbox outbox page.
 */
export function createSandboxHttp(deps: { smtp: SmtpCatcher; twilio: TwilioPeerOptions }) {
  const twilio = createTwilioPeer(deps.twilio);
  const webhooks = createWebhookReceiver();
  const app = new Hono();
  app.route('/', twilio.app);
  app.route('/', webhooks.app);
  app.get('/sandbox/emails', (c) => {
    const limit = Math.min(500, Number(c.req.query('limit') ?? 100) || 100);
    const list = deps.smtp
      .list(limit)
      .map(({ html: _html, text: _text, headers: _headers, ...summary }) => summary);
    return c.json({ total: deps.smtp.count(), emails: list });
  });
  app.get('/sandbox/emails/:id', (c) => {
    const email = deps.smtp.get(c.req.param('id'));
    return email ? c.json(email) : c.json({ error: 'No such email' }, 404);
  });
  app.get('/sandbox/emails/:id/raw', async (c) => {
    const raw = await deps.smtp.raw(c.req.param('id'));
    return raw === undefined ? c.json({ error: 'No such email' }, 404) : c.text(raw);
  });
  app.get('/sandbox/sms', (c) => c.json({ messages: [...twilio.messages].reverse().slice(0, 200) }));
  app.delete('/sandbox', (c) => {
    deps.smtp.clear();
    twilio.messages.length = 0;
    webhooks.received.length = 0;
    return c.body(null, 204);
  });
  return { app, sms: twilio.messages };
}
