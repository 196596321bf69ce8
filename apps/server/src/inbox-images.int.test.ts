import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { processInboundEmail, returnAddress } from '@switchboard/messaging';
import { TEST_PUBLIC_URL, TEST_TRACKING_SECRET, type TestBrowser } from './testing/test-app.ts';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { t, peers, em, acme, agent, analyst, stranger, textUs, contact, campaignMessage, until, list, open } =
  await startInboxHarness('inbox-images');

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function upload(who: TestBrowser | null, bytes: Buffer, filename = 'label.png', csrf = true) {
  return t.app.request(`/app/inbox/attachments?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      origin: TEST_PUBLIC_URL,
      ...(who?.cookie ? { cookie: `sb_session=${who.cookie}` } : {}),
      ...(who?.csrfToken && csrf ? { 'x-csrf-token': who.csrfToken } : {}),
    },
    body: new Uint8Array(bytes),
  });
}

const errorOf = async (response: Response) => JSON.stringify(await response.json());

describe('images in replies', () => {
  it('refuses what is not a small image, sends one as MMS from a signed address and as an email attachment, and shows it only to its workspace', async () => {
    // Refusals, each saying why.
    expect((await upload(null, PNG)).status).toBe(401);
    expect((await upload(agent, PNG, 'label.png', false)).status).toBe(403);
    expect((await upload(analyst, PNG)).status).toBe(403);
    const notImage = await upload(agent, Buffer.from('<svg onload=alert(1)></svg> pretending to be png'));
    expect(notImage.status).toBe(400);
    expect(await errorOf(notImage)).toContain('Only PNG, JPEG, GIF or WebP images can be sent');
    expect((await upload(agent, Buffer.alloc(5 * 1024 * 1024 + 1, 0x89))).status).toBe(413);

    const uploaded = await upload(agent, PNG, '../../etc/\u202Epasswd.png');
    expect(uploaded.status).toBe(201);
    const image = (await uploaded.json()) as {
      id: string;
      filename: string;
      contentType: string;
      url: string;
    };
    expect(image).toMatchObject({ contentType: 'image/png', filename: 'passwd.png' });
    expect((await agent.get(image.url)).status).toBe(200);
    expect(Buffer.from(await (await agent.get(image.url)).arrayBuffer()).equals(PNG)).toBe(true);
    expect((await stranger.get(image.url)).status).toBe(404);

    // By SMS: Twilio is given a signed address on the public URL, which serves the same bytes; a forged one, nothing.
    const phone = '+12125550181';
    await contact(acme.id, { phone });
    await textUs(phone, 'Can you send me the return label?');
    const [sms] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    const sent = await agent.mutate('inbox.reply', {
      conversationId: sms!.id,
      text: 'Here it is',
      attachmentIds: [image.id],
      clientId: randomUUID(),
    });
    expect(sent.status).toBe(200);
    const mms = await until(() => peers.sms.find((m) => m.to === phone));
    expect(mms.body).toContain('Here it is');
    expect(mms.mediaUrls).toHaveLength(1);
    const mediaUrl = new URL(mms.mediaUrls[0]!);
    expect(mediaUrl.origin).toBe(TEST_PUBLIC_URL);
    const fetched = await t.app.request(mediaUrl.pathname);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG)).toBe(true);
    const forged = mediaUrl.pathname.replace(
      /\/media\/([^/]+)\/[^/]+\//,
      '/media/$1/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/',
    );
    expect((await t.app.request(forged)).status).toBe(404);
    const entry = (await open(agent, sms!.id))!.entries.find((e) => e.kind === 'outbound');
    expect(entry?.detail).toMatchObject({ media: [{ id: image.id, filename: 'passwd.png' }] });

    // An image alone is a reply too; another workspace's image is not this one's to send.
    const alone = await agent.mutate('inbox.reply', {
      conversationId: sms!.id,
      text: '',
      attachmentIds: [image.id],
      clientId: randomUUID(),
    });
    expect(alone.status).toBe(200);
    const theirs = (await (await upload(stranger, PNG, 'theirs.png')).json()) as { id: string };
    const foreign = await agent.mutate('inbox.reply', {
      conversationId: sms!.id,
      text: 'x',
      attachmentIds: [theirs.id],
      clientId: randomUUID(),
    });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('attachmentIds');

    // By email: attached to the threaded answer.
    const address = 'ines@example.com';
    const contactId = await contact(acme.id, { email: address });
    const { messageId } = await campaignMessage(contactId, 'email', address, 'Spring newsletter');
    const replyTo = returnAddress(TEST_TRACKING_SECRET, 'reply', messageId, 'in.acme.test');
    await processInboundEmail(
      em(),
      { trackingSecret: TEST_TRACKING_SECRET },
      Buffer.from(
        [
          `From: ${address}`,
          `To: ${replyTo}`,
          'Subject: Re: Spring',
          'Message-ID: <q1@example.com>',
          '',
          'Photo?',
        ].join('\r\n'),
      ),
      { rcptTo: [replyTo] },
    );
    const [mail] = (await list(agent, 'all')).filter((c) => c.contact.id === contactId);
    await agent.mutate('inbox.reply', {
      conversationId: mail!.id,
      text: 'Attached.',
      attachmentIds: [image.id],
      clientId: randomUUID(),
    });
    const caught = await until(() => peers.smtp.list(200).find((m) => m.to.includes(address)));
    const raw = (await peers.smtp.raw(caught.id)) ?? '';
    expect(raw).toMatch(/Content-Type: image\/png; name=passwd\.png/i);
    expect(raw.replace(/\r?\n/g, '')).toContain(PNG.toString('base64'));
  });
});
