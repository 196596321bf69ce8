import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpEmailSender, createTwilioSmsSender } from '@switchboard/channels';
import { createServer } from 'node:http';
import twilio from 'twilio';
import { startSandboxPeers, type SandboxPeers } from './index.ts';

let peers: SandboxPeers;
beforeAll(async () => {
  peers = await startSandboxPeers({ smtpPort: 0, httpPort: 0 });
});
afterAll(() => peers.stop());

describe('sandbox peers', () => {
  it('receive a real SMTP message sent by nodemailer and show it with headers and HTML', async () => {
    const sender = createSmtpEmailSender({
      url: peers.smtpUrl,
      poolSize: 1,
      from: 'Test <test@example.com>',
    });
    await sender.send({
      to: 'ana@example.com',
      subject: 'Hello sandbox',
      html: '<p>Hi <b>Ana</b></p>',
      text: 'Hi Ana',
    });
    sender.close();
    const res = await fetch(`${peers.httpUrl}/sandbox/emails`);
    const body = (await res.json()) as {
      total: number;
      emails: { id: string; subject: string; to: string }[];
    };
    expect(body.total).toBe(1);
    expect(body.emails[0]).toMatchObject({ subject: 'Hello sandbox', to: 'ana@example.com' });
    const detail = (await (await fetch(`${peers.httpUrl}/sandbox/emails/${body.emails[0]!.id}`)).json()) as {
      html: string;
      headers: [string, string][];
    };
    expect(detail.html).toContain('<b>Ana</b>');
    expect(detail.headers.map(([name]) => name.toLowerCase())).toContain('message-id');
    const raw = await (await fetch(`${peers.httpUrl}/sandbox/emails/${body.emails[0]!.id}/raw`)).text();
    expect(raw).toMatch(/^Content-Type|^From|^Message-ID|^Date|^To|^Subject/m);
  });

  it('accept an SMS through the real twilio SDK and refuse a bad number with Twilio’s error', async () => {
    const sms = createTwilioSmsSender({ ...peers.twilio, apiBaseUrl: peers.httpUrl });
    const sent = await sms.send({ to: '+4915112345678', body: 'Your code is 1234' });
    expect(sent.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(peers.sms.at(-1)).toMatchObject({
      to: '+4915112345678',
      body: 'Your code is 1234',
      from: peers.twilio.from,
    });
    await expect(sms.send({ to: '12345', body: 'x' })).rejects.toMatchObject({ name: 'PermanentSendError' });
  });

  it('refuse SMS requests with the wrong credentials', async () => {
    const sms = createTwilioSmsSender({
      ...peers.twilio,
      authToken: 'f'.repeat(32),
      apiBaseUrl: peers.httpUrl,
    });
    await expect(sms.send({ to: '+4915112345678', body: 'x' })).rejects.toMatchObject({
      name: 'PermanentSendError',
    });
  });

  it('reports sent and delivered to the StatusCallback, signed the way Twilio signs (the SDK validates it)', async () => {
    const received: { status: string; valid: boolean }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(body));
        const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}${req.url}`;
        const signature = String(req.headers['x-twilio-signature']);
        received.push({
          status: params.MessageStatus ?? '',
          valid: twilio.validateRequest(peers.twilio.authToken, signature, url, params),
        });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const callback = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hooks/twilio/status?ws=demo`;
    const sms = createTwilioSmsSender({ ...peers.twilio, apiBaseUrl: peers.httpUrl });
    await sms.send({ to: '+8613800138000', body: '您好', statusCallback: callback });
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(2);
    hook.close();
    expect(received).toEqual([
      { status: 'sent', valid: true },
      { status: 'delivered', valid: true },
    ]);
    expect(twilio.validateRequest('wrong-token', 'x', callback, {})).toBe(false);
  });
});
