import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { twilioSignature } from './twilio-signature.ts';

export interface SentSms {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body: string;
  /** Images sent as MMS (Twilio fetches each URL). */
  mediaUrls: string[];
  status: 'queued' | 'sent' | 'delivered';
  statusCallback: string | null;
  createdAt: string;
  numSegments: number;
}

export interface TwilioPeerOptions {
  accountSid: string;
  authToken: string;
  /** Milliseconds between accepting a message and reporting it sent/delivered to its StatusCallback. */
  callbackDelayMs?: number;
  /** The product's inbound SMS webhook (its /hooks/twilio/inbound), for texts "from a phone" in the outbox. */
  inboundWebhookUrl?: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string) {
  return Response.json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    { status },
  );
}

/**
 * The subset of Twilio's Messages API that Switchboard uses, answering the way Twilio does (form-encoded requests,
 * HTTP Basic auth with the account SID and auth token, JSON resources and error bodies).
 */
export function createTwilioPeer(options: TwilioPeerOptions) {
  const messages: SentSms[] = [];
  const app = new Hono();

  app.post('/2010-04-01/Accounts/:accountSid/Messages.json', async (c) => {
    const expected = 'Basic ' + Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64');
    if (c.req.header('authorization') !== expected || c.req.param('accountSid') !== options.accountSid)
      return twilioError(401, 20003, 'Authenticate');
    const form = await c.req.parseBody({ all: true });
    const field = (name: string) => (typeof form[name] === 'string' ? form[name] : '');
    const media = form['MediaUrl'];
    const mediaUrls = (Array.isArray(media) ? media : media ? [media] : []).filter(
      (m): m is string => typeof m === 'string',
    );
    const to = field('To');
    const from = field('From') || field('MessagingServiceSid');
    const body = field('Body');
    if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body && mediaUrls.length === 0) return twilioError(400, 21602, 'Message body is required.');
    if (mediaUrls.length > 10) return twilioError(400, 21623, 'Too many media URLs (at most 10).');
    const sms: SentSms = {
      sid: 'SM' + randomBytes(16).toString('hex'),
      accountSid: options.accountSid,
      from,
      to,
      body,
      mediaUrls,
      status: 'queued',
      statusCallback: field('StatusCallback') || null,
      createdAt: new Date().toUTCString(),
      // GSM-7 vs UCS-2 segment rules live in the product; the peer only reports a plausible count.
      numSegments: Math.max(1, Math.ceil(body.length / 153)),
    };
    messages.push(sms);
    if (sms.statusCallback) scheduleCallbacks(sms);
    return c.json(
      {
        sid: sms.sid,
        account_sid: sms.accountSid,
        from: sms.from,
        to: sms.to,
        body: sms.body,
        num_media: String(sms.mediaUrls.length),
        status: sms.status,
        num_segments: String(sms.numSegments),
        direction: 'outbound-api',
        date_created: sms.createdAt,
        uri: `/2010-04-01/Accounts/${sms.accountSid}/Messages/${sms.sid}.json`,
      },
      201,
    );
  });

  function scheduleCallbacks(sms: SentSms) {
    const delay = options.callbackDelayMs ?? 200;
    let step = 0;
    const next = () => {
      const status = (['sent', 'delivered'] as const)[step++];
      if (!status || !sms.statusCallback) return;
      sms.status = status;
      const params: Record<string, string> = {
        AccountSid: sms.accountSid,
        MessageSid: sms.sid,
        SmsSid: sms.sid,
        MessageStatus: status,
        SmsStatus: status,
        From: sms.from,
        To: sms.to,
        ApiVersion: '2010-04-01',
      };
      fetch(sms.statusCallback, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(options.authToken, sms.statusCallback, params),
        },
        body: new URLSearchParams(params),
      })
        .catch(() => undefined)
        .finally(() => setTimeout(next, delay));
    };
    setTimeout(next, delay);
  }

  /** A phone texts our number: Twilio's signed inbound webhook, exactly as Twilio sends it. */
  app.post('/sandbox/sms/inbound', async (c) => {
    if (!options.inboundWebhookUrl) return c.json({ error: 'No product webhook configured' }, 409);
    const input = (await c.req.json().catch(() => ({}))) as { from?: string; to?: string; body?: string };
    if (!input.from || !E164.test(input.from)) return c.json({ error: 'from must be an E.164 number' }, 400);
    if (!input.body) return c.json({ error: 'body is required' }, 400);
    const sid = 'SM' + randomBytes(16).toString('hex');
    const params: Record<string, string> = {
      AccountSid: options.accountSid,
      MessageSid: sid,
      SmsSid: sid,
      From: input.from,
      To: input.to ?? '+15005550006',
      Body: input.body,
      NumMedia: '0',
      ApiVersion: '2010-04-01',
    };
    const response = await fetch(options.inboundWebhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(options.authToken, options.inboundWebhookUrl, params),
      },
      body: new URLSearchParams(params),
    });
    return c.json({ sid, webhookStatus: response.status }, response.ok ? 200 : 502);
  });

  return { app, messages };
}
