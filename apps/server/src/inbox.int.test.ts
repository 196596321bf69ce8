import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '@hono/node-server';
import { sql, uuidV7 } from '@switchboard/contacts';
import { createSmtpEmailSender, createTwilioSmsSender } from '@switchboard/channels';
import { processInboundEmail, receiveInboundChat, returnAddress } from '@switchboard/messaging';
import { startDeliveryWorker } from '@switchboard/messaging/testing';
import {
  InboxEventHub,
  passSlaCheckpoint,
  SlaTimerScheduler,
  releaseOfflineAgent,
  touchPresence,
  updateAgent,
  wakeSnoozedConversation,
} from '@switchboard/inbox';
import type { ConversationEntryView, ConversationSummary, InboxEventRow } from '@switchboard/inbox';
import { startSandboxPeers, twilioSignature } from '@switchboard/sandbox';
import { TestBrowser, TEST_PUBLIC_URL, TEST_TRACKING_SECRET, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const taskQueue = `inbox-${Math.random().toString(36).slice(2, 8)}`;
const peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
const t = await useTestApp({ taskQueue, twilioAuthToken: peers.twilio.authToken });
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

async function contact(workspaceId: string, fields: { phone?: string; email?: string; first_name?: string }) {
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
  (await who.query<{ items: ConversationSummary[] }>('inbox.list', { view, status })).body.result!.data.items;
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

describe('the shared inbox', () => {
  it('files an SMS answering a campaign into a conversation naming the campaign; the reply goes out by Twilio once; a STOP blocks the next with the reason', async () => {
    const phone = '+12125550101';
    const contactId = await contact(acme.id, { phone, first_name: 'Mia' });
    await campaignMessage(contactId, 'sms', phone, 'Spring SMS');
    await textUs(phone, 'Is the sale still on?');

    const [row] = (await list(agent)).filter((c) => c.contact.id === contactId);
    expect(row).toMatchObject({
      channel: 'sms',
      status: 'open',
      unread: 1,
      preview: 'Is the sale still on?',
      contact: { name: 'Mia', address: phone },
      cause: { kind: 'campaign', name: 'Spring SMS' },
    });
    const detail = await open(agent, row!.id);
    expect(detail?.entries).toEqual([
      expect.objectContaining({
        kind: 'inbound',
        body: 'Is the sale still on?',
        inReplyTo: expect.objectContaining({ kind: 'campaign', name: 'Spring SMS' }),
      }),
    ]);
    expect(detail?.replyBlocked).toBeNull();
    // Analysts read reports, not people's conversations.
    expect((await analyst.query('inbox.list', { view: 'all' })).status).toBe(403);

    const clientId = randomUUID();
    const sent = await agent.mutate<{ created: boolean }>('inbox.reply', {
      conversationId: row!.id,
      text: 'Yes, until Sunday!',
      clientId,
    });
    expect(sent.body.result?.data.created).toBe(true);
    const again = await agent.mutate<{ created: boolean }>('inbox.reply', {
      conversationId: row!.id,
      text: 'Yes, until Sunday!',
      clientId,
    });
    expect(again.body.result?.data.created).toBe(false);
    await until(() => (peers.sms.some((s) => s.to === phone) ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    expect(peers.sms.filter((s) => s.to === phone).map((s) => s.body)).toEqual(['Yes, until Sunday!']);
    // The reply's progress reaches every screen: the ledger's status changes are in the feed too.
    const [progress] = await until(async () => {
      const rows = await sql<{ payload: { delivery: { status: string } } }>(
        em(),
        `select payload from inbox_events where conversation_id = ? and kind = 'entry.updated'
         and payload -> 'delivery' ->> 'status' in ('sent', 'delivered') limit 1`,
        [row!.id],
      );
      return rows.length ? rows : undefined;
    });
    expect(['sent', 'delivered']).toContain(progress!.payload.delivery.status);
    const answered = await open(agent, row!.id);
    expect(answered?.conversation).toMatchObject({ unread: 0, waitingSince: null });
    expect(answered?.conversation.firstResponseAt).not.toBeNull();
    // The agent who answered an unassigned conversation has it now.
    expect(answered?.conversation.assignee?.id).toBe(acme.users.agent.id);

    await textUs(phone, 'STOP');
    const stopped = await open(agent, row!.id);
    expect(stopped?.replyBlocked).toMatch(/can't receive SMS.*opted out \(STOP\)/);
    const refused = await agent.mutate('inbox.reply', {
      conversationId: row!.id,
      text: 'One more thing',
      clientId: randomUUID(),
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('STOP');
    // Nothing but the reply and the automatic STOP confirmation went to that number.
    expect(peers.sms.filter((s) => s.to === phone && s.body === 'One more thing')).toEqual([]);
  });

  it('two agents answering the same conversation at once: both replies recorded and sent once, one after the other', async () => {
    const phone = '+12125550102';
    await contact(acme.id, { phone });
    await textUs(phone, 'Hello?');
    const [row] = (await list(agent)).filter((c) => c.contact.address === phone);
    const [a, b] = await Promise.all([
      agent.mutate('inbox.reply', { conversationId: row!.id, text: 'Hi from Ann', clientId: randomUUID() }),
      marketer.mutate('inbox.reply', { conversationId: row!.id, text: 'Hi from Bo', clientId: randomUUID() }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const outbound = (await open(agent, row!.id))!.entries.filter((e) => e.kind === 'outbound');
    expect(outbound.map((e) => e.body).sort()).toEqual(['Hi from Ann', 'Hi from Bo']);
    expect(new Set(outbound.map((e) => e.author?.id)).size).toBe(2);
    await until(() => (peers.sms.filter((s) => s.to === phone).length === 2 ? true : undefined));
  });

  it('reaches every agent on every server within a second, resumes after a reconnect without gaps or repeats, and never crosses workspaces', async () => {
    const phone = '+12125550103';
    await contact(acme.id, { phone, first_name: 'Zoe' });
    const mine = agentStream(agent);
    const theirs = agentStream(stranger);
    const abort = new AbortController();
    const onOtherServer: InboxEventRow[] = [];
    const otherDone = (async () => {
      for await (const item of otherServer.stream(acme.id, null, abort.signal))
        if (item.type === 'event' && item.event.kind !== 'entry.updated') onOtherServer.push(item.event);
    })();
    await new Promise((r) => setTimeout(r, 300));

    const started = Date.now();
    await textUs(phone, 'First');
    await until(() => (mine.events.length && onOtherServer.length ? true : undefined), 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(mine.events[0]).toMatchObject({ kind: 'conversation.created', workspaceId: acme.id });
    expect(onOtherServer[0]?.id).toBe(mine.events[0]?.id);

    // The agent's connection drops; three messages arrive meanwhile; the browser reconnects with its last id.
    mine.close();
    const lastSeen = mine.ids.at(-1)!;
    for (const text of ['Second', 'Third', 'Fourth']) await textUs(phone, text);
    const resumed = agentStream(agent, lastSeen);
    await until(() => (onOtherServer.length >= 4 && resumed.events.length >= 3 ? true : undefined), 5000);
    await textUs(phone, 'Fifth');
    await until(() => (resumed.events.length >= 4 ? true : undefined), 5000);
    const ids = resumed.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(onOtherServer.slice(1).map((e) => e.id));
    const previews = resumed.events.map(
      (e) => (e.payload as { conversation: ConversationSummary }).conversation.preview,
    );
    expect(previews).toEqual(['Second', 'Third', 'Fourth', 'Fifth']);

    // Another workspace's agent saw none of it.
    expect(theirs.events).toEqual([]);
    expect((await stranger.query('inbox.conversation', { id: mine.events[0]!.conversationId })).status).toBe(
      404,
    );
    resumed.close();
    theirs.close();
    abort.abort();
    await otherDone;
  });

  it('assigns new conversations in turn to online, available agents under their capacity', async () => {
    await sql(em(), 'update conversations set status = ? where workspace_id = ?', ['resolved', acme.id]);
    await sql(em(), 'update inbox_agents set last_seen_at = null where workspace_id = ?', [acme.id]);
    await touchPresence(em(), acme.id, acme.users.agent.id);
    await touchPresence(em(), acme.id, acme.users.marketer.id);
    await updateAgent(em(), acme.id, acme.users.agent.id, { capacity: 1, available: true });
    await updateAgent(em(), acme.id, acme.users.marketer.id, { capacity: 10, available: true });
    for (const n of [1, 2, 3]) {
      const phone = `+1212555020${n}`;
      await contact(acme.id, { phone });
      await textUs(phone, `Question ${n}`);
    }
    const assigned = (await list(agent)).map((c) => c.assignee?.id);
    expect(assigned.filter((id) => id === acme.users.agent.id)).toHaveLength(1);
    expect(assigned.filter((id) => id === acme.users.marketer.id)).toHaveLength(2);
    // Unavailable: nothing more for the marketer, and the full agent gets none either: it waits unassigned.
    await updateAgent(em(), acme.id, acme.users.marketer.id, { available: false });
    await contact(acme.id, { phone: '+12125550299' });
    await textUs('+12125550299', 'Anyone?');
    const waiting = (await list(agent, 'unassigned')).find((c) => c.contact.address === '+12125550299');
    expect(waiting?.assignee).toBeNull();
    // Gone offline with "reassign when offline" on: the marketer's conversations go back to the queue.
    await sql(em(), 'update inbox_agents set last_seen_at = null where workspace_id = ?', [acme.id]);
    expect(await releaseOfflineAgent(em(), acme.id, acme.users.marketer.id)).toBe(0);
    // Only owners and admins decide how the team's work is assigned.
    expect(
      (await marketer.mutate('inbox.saveSettings', { autoAssign: true, reassignWhenOffline: true })).status,
    ).toBe(403);
    expect(
      (await admin.mutate('inbox.saveSettings', { autoAssign: true, reassignWhenOffline: true })).status,
    ).toBe(200);
    expect(await releaseOfflineAgent(em(), acme.id, acme.users.marketer.id)).toBe(2);
    expect((await list(agent)).filter((c) => c.assignee?.id === acme.users.marketer.id)).toEqual([]);
    await admin.mutate('inbox.saveSettings', { autoAssign: true, reassignWhenOffline: false });
  });

  it('turns a WeChat message from a stranger into a new contact and conversation of their own', async () => {
    await contact(acme.id, { first_name: 'Lei' });
    await receiveInboundChat(em(), {
      providerMessageId: 'wx-stranger-1',
      from: { id: 'wxid_stranger', name: 'Lei' },
      text: '你好，请问营业时间？',
      receivedAt: new Date(),
    });
    const [row] = (await list(agent, 'all')).filter((c) => c.channel === 'wechat');
    expect(row?.contact.address).toBe('wxid_stranger');
    const [owner] = await sql<{ wechat_id: string }>(em(), 'select wechat_id from contacts where id = ?', [
      row!.contact.id,
    ]);
    expect(owner?.wechat_id).toBe('wxid_stranger');
  });

  it('notes notify the members they @mention; snoozed conversations reopen at their time or when the contact writes', async () => {
    const phone = '+12125550104';
    await contact(acme.id, { phone });
    await textUs(phone, 'Can someone call me?');
    const [row] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    const note = await agent.mutate<{ mentioned: string[] }>('inbox.note', {
      conversationId: row!.id,
      body: '@marketer of acme-inbox can you call her?',
    });
    expect(note.body.result?.data.mentioned).toEqual([acme.users.marketer.id]);
    const [notification] = await sql<{ kind: string; link: string }>(
      em(),
      `select kind, link from notifications where user_id = ? and kind = 'inbox_mention'`,
      [acme.users.marketer.id],
    );
    expect(notification?.link).toBe(`/inbox?conversation=${row!.id}`);

    const tooSoon = await agent.mutate('inbox.status', {
      conversationId: row!.id,
      status: 'snoozed',
      until: new Date().toISOString(),
    });
    expect(tooSoon.status).toBe(400);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await agent.mutate('inbox.status', { conversationId: row!.id, status: 'snoozed', until });
    expect(snoozed.status).toBe(200);
    expect((await list(agent, 'all', 'snoozed')).map((c) => c.id)).toContain(row!.id);
    // The durable timer's activity, at its time (an earlier, stale timer changes nothing).
    expect(
      await wakeSnoozedConversation(em(), {
        workspaceId: acme.id,
        conversationId: row!.id,
        at: new Date(0).toISOString(),
      }),
    ).toBe(false);
    await sql(em(), `update conversations set snoozed_until = now() where id = ?`, [row!.id]);
    expect(
      await wakeSnoozedConversation(em(), {
        workspaceId: acme.id,
        conversationId: row!.id,
        at: new Date().toISOString(),
      }),
    ).toBe(true);
    expect((await open(agent, row!.id))?.conversation.status).toBe('open');

    await agent.mutate('inbox.status', { conversationId: row!.id, status: 'snoozed', until });
    await textUs(phone, 'Still waiting');
    const reopened = await open(agent, row!.id);
    expect(reopened?.conversation).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(reopened?.entries.map((e) => e.detail?.action ?? e.kind)).toEqual([
      'inbound',
      'note',
      'status',
      'reopened',
      'status',
      'inbound',
      'reopened',
    ]);
  });

  it('threads an email answer under the contact’s reply (In-Reply-To, References) and keeps the next reply in the same conversation', async () => {
    const address = 'mia@example.com';
    const contactId = await contact(acme.id, { email: address, first_name: 'Mia' });
    const { messageId } = await campaignMessage(contactId, 'email', address, 'Winter newsletter');
    const replyTo = returnAddress(TEST_TRACKING_SECRET, 'reply', messageId, 'in.acme.test');
    const raw = (id: string, to: string, text: string) =>
      Buffer.from(
        [
          `From: Mia <${address}>`,
          `To: ${to}`,
          'Subject: Re: Winter sale',
          `Message-ID: <${id}@mail.example.com>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
        ].join('\r\n'),
      );
    const first = await processInboundEmail(
      em(),
      { trackingSecret: TEST_TRACKING_SECRET },
      raw('m1', replyTo, 'Do you ship to Lyon?'),
      {
        rcptTo: [replyTo],
      },
    );
    expect(first.kind).toBe('reply');
    const [row] = (await list(agent, 'all')).filter((c) => c.contact.id === contactId);
    expect(row).toMatchObject({
      channel: 'email',
      subject: 'Re: Winter sale',
      cause: { name: 'Winter newsletter' },
    });
    const before = peers.smtp.count();
    await agent.mutate('inbox.reply', {
      conversationId: row!.id,
      text: 'We do!\n\nShipping is free.',
      clientId: randomUUID(),
    });
    const caught = await until(() => (peers.smtp.count() > before ? peers.smtp.list(1)[0] : undefined));
    const source = (await peers.smtp.raw(caught.id))!;
    expect(source).toMatch(/^In-Reply-To: <m1@mail\.example\.com>/m);
    expect(source).toMatch(/^References: <m1@mail\.example\.com>/m);
    expect(source).toMatch(/^Subject: Re: Winter sale/m);

    // Her answer to our reply (to its own signed reply address) joins the same conversation.
    const [ours] = await sql<{ id: string }>(
      em(),
      `select id from messages where source_kind = 'conversation' and source_id = ?`,
      [row!.id],
    );
    const ourReplyTo = returnAddress(TEST_TRACKING_SECRET, 'reply', ours!.id, 'in.acme.test');
    await processInboundEmail(
      em(),
      { trackingSecret: TEST_TRACKING_SECRET },
      raw('m2', ourReplyTo, 'Great, thanks'),
      {
        rcptTo: [ourReplyTo],
      },
    );
    const entries = (await open(agent, row!.id))!.entries.filter((e) => e.kind !== 'activity');
    expect(entries.map((e) => e.body?.split('\n')[0])).toEqual([
      'Do you ship to Lyon?',
      'We do!',
      'Great, thanks',
    ]);
    expect((await list(agent, 'all')).filter((c) => c.contact.id === contactId)).toHaveLength(1);
  });
  it('keeps service-level deadlines with durable timers: a warning before, the breach mark at the deadline, cleared by the answer but still counted', async () => {
    const settings = {
      autoAssign: false,
      reassignWhenOffline: false,
      slaFirstResponseMinutes: 1,
      slaNextResponseMinutes: 30,
      slaResolutionMinutes: 24 * 60,
      businessHours: null,
      csatEnabled: true,
    };
    const bad = await admin.mutate('inbox.saveSettings', {
      ...settings,
      businessHours: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], from: '18:00', to: '09:00' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('closing time must be after the opening time');
    expect((await admin.mutate('inbox.saveSettings', settings)).status).toBe(200);

    const phone = '+12125550105';
    await contact(acme.id, { phone });
    const before = Date.now();
    await textUs(phone, 'Urgent question');
    const [row] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    expect(row?.sla?.kind).toBe('first_response');
    const due = Date.parse(row!.sla!.dueAt);
    expect(due - before).toBeGreaterThan(55_000);
    expect(due - before).toBeLessThan(65_000);

    // The worker's scheduler starts one timer workflow for the new deadline (as often as it is woken).
    const scheduler = new SlaTimerScheduler({
      db: t.database.db,
      databaseUrl: t.database.url,
      temporal: t.temporal,
      taskQueue: 'unused-sla-timers',
      log: () => undefined,
    });
    expect(await scheduler.schedulePass()).toBeGreaterThanOrEqual(1);
    expect(await scheduler.schedulePass()).toBe(0);
    const timer = await t.temporal.workflow.getHandle(`conversation-sla-${row!.id}-${due}`).describe();
    expect(timer.type).toBe('conversationSlaWorkflow');

    // The timer's checkpoints, at their times: a warning, then the breach (once).
    const checkpoint = { workspaceId: acme.id, conversationId: row!.id, dueAt: row!.sla!.dueAt };
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'warning' })).toBe(true);
    expect((await open(agent, row!.id))?.conversation.sla?.warned).toBe(true);
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'breach' })).toBe(true);
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'breach' })).toBe(false);
    const breached = await open(agent, row!.id);
    expect(breached?.conversation).toMatchObject({ breaches: 1, sla: { kind: 'first_response' } });
    expect(breached?.conversation.sla?.breachedAt).not.toBeNull();
    expect(breached?.entries.at(-1)?.detail).toEqual({ action: 'sla_breached', kind: 'first_response' });

    await agent.mutate('inbox.reply', { conversationId: row!.id, text: 'Here now', clientId: randomUUID() });
    const answered = await open(agent, row!.id);
    expect(answered?.conversation).toMatchObject({
      breaches: 1,
      sla: { kind: 'resolution', breachedAt: null },
    });
    // The old deadline's timer, firing late, changes nothing.
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'breach' })).toBe(false);
    await admin.mutate('inbox.saveSettings', {
      ...settings,
      autoAssign: true,
      slaFirstResponseMinutes: null,
      slaNextResponseMinutes: null,
      slaResolutionMinutes: null,
    });
  });
  it('asks how we did after resolving: a link by SMS (the first answer counts, older links go stale), a reply of 1–5 on WeChat', async () => {
    const phone = '+12125550106';
    await contact(acme.id, { phone });
    await textUs(phone, 'Thanks for the help earlier');
    const [sms] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    const resolved = await agent.mutate<ConversationSummary>('inbox.status', {
      conversationId: sms!.id,
      status: 'resolved',
    });
    expect(resolved.body.result?.data.csat).toMatchObject({ score: null });
    const survey = await until(() => peers.sms.find((m) => m.to === phone && m.body.includes('/rate/')));
    expect(survey.body).toMatch(
      /How did we do\? Tap to rate us from 1 to 5: http:\/\/switchboard\.test\/rate\//,
    );
    const path = new URL(/(http\S+)/.exec(survey.body)![1]!).pathname;
    const page = await t.app.request(path);
    expect(page.status).toBe(200);
    expect((await page.text()).match(/name="score"/g)).toHaveLength(5);
    const rate = (score: string) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ score }),
      });
    expect((await rate('9')).status).toBe(400);
    expect(await (await rate('4')).text()).toContain('Your rating was saved');
    expect(await (await rate('1')).text()).toContain('you rated this conversation 4 out of 5');
    expect((await open(agent, sms!.id))?.conversation.csat).toMatchObject({ score: 4 });
    expect((await t.app.request(`${path.slice(0, -3)}xyz`)).status).toBe(404);

    // Reopened and resolved again: asked again; the first link is stale.
    await textUs(phone, 'One more question');
    await agent.mutate('inbox.status', { conversationId: sms!.id, status: 'resolved' });
    await until(() =>
      peers.sms.filter((m) => m.to === phone && m.body.includes('/rate/')).length === 2 ? true : undefined,
    );
    expect((await rate('5')).status).toBe(410);

    await receiveInboundChat(em(), {
      providerMessageId: 'wx-stranger-again',
      from: { id: 'wxid_stranger', name: 'Lei' },
      text: '谢谢',
      receivedAt: new Date(),
    });
    const [chat] = (await list(agent, 'all')).filter((c) => c.channel === 'wechat');
    await agent.mutate('inbox.status', { conversationId: chat!.id, status: 'resolved' });
    const asked = await open(agent, chat!.id);
    expect(asked?.entries.at(-1)?.body).toContain('Reply with a number from 1 (poor) to 5 (great)');
    await receiveInboundChat(em(), {
      providerMessageId: 'wx-stranger-rating',
      from: { id: 'wxid_stranger', name: 'Lei' },
      text: '５',
      receivedAt: new Date(),
    });
    const rated = await open(agent, chat!.id);
    expect(rated?.conversation).toMatchObject({ status: 'resolved', csat: { score: 5 } });
    expect(rated?.entries.at(-1)?.detail).toEqual({ action: 'csat', score: 5, via: 'reply' });
  });
  it('reports the day per agent and in total: volumes, response and resolution times, missed service levels, satisfaction', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const report = await analyst.query<{
      agents: { agent: { id: string } | null; resolved: number; firstResponseMinutes: { count: number } }[];
      total: {
        opened: number;
        resolved: number;
        slaBreaches: number;
        firstResponseMinutes: { median: number | null; p90: number | null; count: number };
        csat: { average: number | null; count: number; distribution: number[] };
      };
    }>('inbox.report', { from: today, to: today });
    expect(report.status).toBe(200);
    const { total, agents } = report.body.result!.data;
    expect(total.opened).toBeGreaterThanOrEqual(10);
    expect(total.resolved).toBeGreaterThanOrEqual(3);
    expect(total.slaBreaches).toBe(1);
    expect(total.csat).toMatchObject({ average: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
    expect(total.firstResponseMinutes.count).toBeGreaterThanOrEqual(3);
    expect(total.firstResponseMinutes.p90!).toBeGreaterThanOrEqual(total.firstResponseMinutes.median!);
    // Resolutions are credited to who resolved: the agent did all of them.
    expect(agents.find((a) => a.agent?.id === acme.users.agent.id)?.resolved).toBe(total.resolved);
    const bad = await analyst.query('inbox.report', { from: today, to: '2020-01-01' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('The last day must not be before the first');
  });
  it('is driven through REST v1 with scoped keys: list with a cursor, read, reply once per Idempotency-Key', async () => {
    const keyWith = async (scopes: string[]) =>
      (await admin.mutate<{ key: string }>('apiKeys.create', { name: 'Helpdesk bot', scopes })).body.result!
        .data.key;
    const key = await keyWith(['conversations:read', 'conversations:reply']);
    const rest = (
      path: string,
      init: { body?: unknown; headers?: Record<string, string>; as?: string } = {},
    ) =>
      t.app.request(`/api/v1${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${init.as ?? key}`,
          'content-type': 'application/json',
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    const phone = '+12125550107';
    await contact(acme.id, { phone });
    await textUs(phone, 'Via the API please');

    const first = (await (await rest('/conversations?limit=2')).json()) as {
      conversations: ConversationSummary[];
      next: string;
    };
    expect(first.conversations).toHaveLength(2);
    const second = (await (
      await rest(`/conversations?limit=2&after=${encodeURIComponent(first.next)}`)
    ).json()) as {
      conversations: ConversationSummary[];
    };
    expect(second.conversations.map((c) => c.id)).not.toContain(first.conversations[0]!.id);
    expect(second.conversations.every((c) => c.lastMessageAt <= first.conversations[1]!.lastMessageAt)).toBe(
      true,
    );
    const unassigned = (await (await rest('/conversations?assignee=none&limit=200')).json()) as {
      conversations: ConversationSummary[];
    };
    expect(unassigned.conversations.every((c) => c.assignee === null)).toBe(true);
    const target = unassigned.conversations.find((c) => c.contact.address === phone)!;

    const read = (await (await rest(`/conversations/${target.id}`)).json()) as {
      messages: ConversationEntryView[];
    };
    expect(read.messages[0]).toMatchObject({ kind: 'inbound', body: 'Via the API please' });

    const reply = (idempotencyKey: string) =>
      rest(`/conversations/${target.id}/replies`, {
        body: { text: 'Answered by the helpdesk' },
        headers: { 'idempotency-key': idempotencyKey },
      });
    expect((await reply('helpdesk-1')).status).toBe(201);
    const replay = await reply('helpdesk-1');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await until(() => (peers.sms.some((m) => m.to === phone) ? true : undefined));
    expect(peers.sms.filter((m) => m.to === phone && m.body === 'Answered by the helpdesk')).toHaveLength(1);
    const after = (await open(agent, target.id))!;
    expect(after.entries.find((e) => e.kind === 'outbound')?.detail).toEqual({
      via: 'api',
      apiKey: 'Helpdesk bot',
    });

    expect((await rest(`/conversations/${target.id}/replies`, { body: { text: '' } })).status).toBe(400);
    expect((await rest('/conversations?status=bogus')).status).toBe(400);
    expect((await rest(`/conversations/${randomUUID()}`)).status).toBe(404);
    const readOnly = await keyWith(['contacts:read']);
    expect((await rest('/conversations', { as: readOnly })).status).toBe(403);
    const openapi = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/conversations', '/conversations/{id}', '/conversations/{id}/replies']),
    );
  });
});
