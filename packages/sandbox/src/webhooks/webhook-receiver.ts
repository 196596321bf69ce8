import { Hono } from 'hono';

export interface ReceivedWebhook {
  id: number;
  receivedAt: string;
  path: string;
  /** The headers a receiver checks: signature, event id and type, delivery. */
  headers: Record<string, string>;
  body: string;
}

const KEPT = 500;
const BODY_LIMIT = 65_536;

/**
 * Plays a CRM that takes Switchboard's webhooks (POST /crm/webhooks…): it answers 204 and keeps the latest
 * requests, so the Sandbox page can show what a receiver gets and check its signature.
 */
export function createWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  let nextId = 1;
  const app = new Hono();
  app.post('/crm/webhooks/*', async (c) => {
    const body = await c.req.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(c.req.header()))
      if (name.startsWith('x-switchboard-') || name === 'content-type' || name === 'user-agent')
        headers[name] = value;
    received.push({
      id: nextId++,
      receivedAt: new Date().toISOString(),
      path: new URL(c.req.url).pathname,
      headers,
      body: body.slice(0, BODY_LIMIT),
    });
    if (received.length > KEPT) received.splice(0, received.length - KEPT);
    return c.body(null, 204);
  });
  app.get('/sandbox/webhooks', (c) => c.json({ webhooks: [...received].reverse().slice(0, 200) }));
  return { app, received };
}
