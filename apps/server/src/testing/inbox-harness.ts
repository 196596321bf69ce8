import { randomUUID } from 'node:crypto';
import { afterAll, expect } from 'vitest';
import { serve } from '@hono/node-server';
import { sql, uuidV7 } from '@switchboard/contacts';
import { createSmtpEmailSender, createTwilioSmsSender } from '@switchboard/channels';
import { startDeliveryWorker } from '@switchboard/messaging/testing';
import { InboxEventHub } from '@switchboard/inbox';
import type { ConversationEntryView, ConversationSummary, InboxEventRow } from '@switchboard/inbox';
import { startSandboxPeers, twilioSignature } from '@switchboard/sandbox';
import { TestBrowser, TEST_PUBLIC_URL, TEST_TRACKING_SECRET, useTestApp } from './test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './seed-workspace.ts';

/**
 * Everything an inbox integration test needs: the app on a real HTTP port (for SSE), the sandbox's SMTP and Twilio
 * peers with a delivery worker sending to them, a second server's event hub (its own LISTEN connection), two
 * workspaces with signed-in members, and helpers that act as contacts and agents do.
 */
export async function startInboxHarness(name: string) {
  const taskQueue = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
  const t = await useTestApp({
    taskQueue,
    // No journey worker runs here: instances an agent enrols wait on a queue of their own.
    journeyTaskQueue: `${taskQueue}-journeys`,
    twilioAuthToken: peers.twilio.authToken,
  });
  const listening = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => listening.once('listening', resolve));
  const port = (listening.address() as { port: number }).port;
  const email = createSmtpEmailSender({ url: peers.smtpUrl, poolSize: 2, from: 'Acme <help@acme.test>' });
  const worker = await startDeliveryWorker({
    taskQueue,
    db: t.database.db,
    channels: { email, sms: createTwilioSmsSender({ ...peers.twilio, apiBaseUrl: peers.httpUrl }) },
    email: {
      baseUrl: TEST_PUBLIC_URL,
      trackingSecret: TEST_TRACKING_SECRET,
      defaultFrom: 'Acme <help@acme.test>',
      inboundDomain: 'in.acme.test',
    },
    smsStatusCallbackUrl: `http://127.0.0.1:${port}/hooks/twilio/status`,
  });
  // A second server process's hub: its own LISTEN connection, as another process behind the load balancer has.
  const otherServer = new InboxEventHub({
    db: t.database.db,
    databaseUrl: t.database.url,
    log: () => undefined,
  });
  await otherServer.start();
  afterAll(async () => {
    await otherServer.stop();
    await worker.stop();
    email.close();
    (listening as { closeAllConnections?: () => void }).closeAllConnections?.();
    listening.close();
    await peers.stop();
  });

  const em = () => t.database.db.fork();
  const acme = await seedWorkspace(t.database.db, 'acme-inbox');
  const globex = await seedWorkspace(t.database.db, 'globex-inbox');
  const agent = await TestBrowser.signedIn(t.app, acme.users.agent.email, TEST_PASSWORD);
  const marketer = await TestBrowser.signedIn(t.app, acme.users.marketer.email, TEST_PASSWORD);
  const analyst = await TestBrowser.signedIn(t.app, acme.users.analyst.email, TEST_PASSWORD);
  const admin = await TestBrowser.signedIn(t.app, acme.users.admin.email, TEST_PASSWORD);
  const stranger = await TestBrowser.signedIn(t.app, globex.users.agent.email, TEST_PASSWORD);

  let sid = 0;
  const hookUrl = `${TEST_PUBLIC_URL}/hooks/twilio/inbound`;
  async function textUs(from: string, body: string) {
    const params = {
      AccountSid: peers.twilio.accountSid,
      MessageSid: `SMinbox${++sid}`,
      From: from,
      To: peers.twilio.from,
      Body: body,
    };
    const response = await t.app.request('http://127.0.0.1/hooks/twilio/inbound', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(peers.twilio.authToken, hookUrl, params),
      },
      body: new URLSearchParams(params),
    });
    expect(response.status).toBe(200);
  }

  async function contact(
    workspaceId: string,
    fields: { phone?: string; email?: string; first_name?: string },
  ) {
    const id = uuidV7();
    await sql(
      em(),
      `insert into contacts (id, workspace_id, phone, email, first_name, created_at, updated_at)
       values (?, ?, ?, ?, ?, now(), now())`,
      [id, workspaceId, fields.phone ?? null, fields.email ?? null, fields.first_name ?? null],
    );
    return id;
  }

  /** A campaign and the message of it this contact got, as the sender left them. */
  async function campaignMessage(contactId: string, channel: 'sms' | 'email', to: string, name: string) {
    const campaignId = randomUUID();
    await sql(
      em(),
      `insert into campaigns (id, workspace_id, name, channel, status, variants, schedule, created_at, updated_at)
       values (?, ?, ?, ?, 'sent', '[]', '{}', now(), now())`,
      [campaignId, acme.id, name, channel],
    );
    const messageId = uuidV7();
    await sql(
      em(),
      `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, channel, purpose,
         content, subject, to_address, from_address, status, created_at, sent_at, updated_at)
       values (?, ?, ?, ?, 'campaign', ?, ?, 'marketing', '{}', ?, ?, ?, 'sent', now(), now(), now())`,
      [
        messageId,
        acme.id,
        contactId,
        `test:${messageId}`,
        campaignId,
        channel,
        channel === 'email' ? 'Winter sale' : null,
        to,
        channel === 'email' ? 'news@acme.test' : peers.twilio.from,
      ],
    );
    return { campaignId, messageId };
  }

  async function until<T>(read: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const list = async (who: TestBrowser, view = 'all', status = 'open') =>
    (await who.query<{ items: ConversationSummary[] }>('inbox.list', { view, status })).body.result!.data
      .items;
  const open = async (who: TestBrowser, id: string) =>
    (
      await who.query<{
        conversation: ConversationSummary;
        entries: ConversationEntryView[];
        replyBlocked: string | null;
      }>('inbox.conversation', { id })
    ).body.result?.data ?? null;

  /** An agent's stream over real HTTP (SSE), as the browser opens it; collects the stored events it receives. */
  function agentStream(who: TestBrowser, lastEventId?: string) {
    const controller = new AbortController();
    const events: InboxEventRow[] = [];
    const ids: string[] = [];
    const input = encodeURIComponent(JSON.stringify(lastEventId ? { lastEventId } : {}));
    const done = (async () => {
      const response = await fetch(`http://127.0.0.1:${port}/trpc/inbox.events?input=${input}`, {
        headers: { cookie: `sb_session=${who.cookie ?? ''}`, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const id = /^id: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (id && data) {
            ids.push(id);
            const event = JSON.parse(data) as InboxEventRow;
            // Delivery progress of replies sent by the other tests: not what these checks count.
            if (event.kind !== 'entry.updated') events.push(event);
          }
        }
      }
    })().catch((error: Error) => {
      // Aborted by the test, or cut when the server shuts down at the end.
      if (error.name !== 'AbortError' && error.message !== 'terminated') throw error;
    });
    return { events, ids, close: () => controller.abort(), done };
  }

  return {
    t,
    peers,
    port,
    otherServer,
    em,
    acme,
    globex,
    agent,
    marketer,
    analyst,
    admin,
    stranger,
    textUs,
    contact,
    campaignMessage,
    until,
    list,
    open,
    agentStream,
  };
}
