import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from '@switchboard/contacts';
import { processInboundEmail, receiveInboundChat, returnAddress } from '@switchboard/messaging';
import { wakeSnoozedConversation } from '@switchboard/inbox';
import { TEST_TRACKING_SECRET } from './testing/test-app.ts';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { peers, em, acme, agent, marketer, analyst, textUs, contact, campaignMessage, until, list, open } =
  await startInboxHarness('inbox-conversations');

describe('the shared inbox: conversations and replies', () => {
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

  it('two agents answering the same conversation at once: both replies recorded and sent once, in the order the conversation shows', async () => {
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
    // Twilio got them in the conversation's order (each has its own delivery; the later one waits its turn).
    expect(peers.sms.filter((s) => s.to === phone).map((s) => s.body)).toEqual(outbound.map((e) => e.body));
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
});
