import { unstorableTextReason } from '@switchboard/db';
import { IdentityError } from '@switchboard/contacts';
import type { Context, Hono } from 'hono';
import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import { isValidTwilioSignature, mapTwilioStatus, parseTwilioInbound } from '@switchboard/channels';
import {
  receiveInboundSms,
  recordProviderStatus,
  startDelivery,
  type DeliveryQueues,
} from '@switchboard/messaging';
import type { Logger } from '../../http/request-log.ts';

export interface TwilioHookDeps {
  db: Database;
  /** Null when SMS is not configured: the hooks then answer 503 and Twilio retries later. */
  authToken: string | null;
  publicUrl: string;
  trustProxy: boolean;
  temporal: Client;
  queues: DeliveryQueues;
  logger: Logger;
  /** How long a status callback for a SID the ledger has not recorded yet waits for it (default 5.5 s). */
  statusCatchUpMs?: number;
}

/**
 * The URLs Twilio may have signed for this request. Twilio signs the URL it called; behind a proxy we see another
 * one, so we rebuild it from X-Forwarded-Proto/Host (only with TRUST_PROXY) and from PUBLIC_URL.
 */
function candidateUrls(c: Context, deps: TwilioHookDeps): string[] {
  const seen = new URL(c.req.url);
  const pathAndQuery = seen.pathname + seen.search;
  const urls = new Set<string>([new URL(pathAndQuery, deps.publicUrl).toString(), seen.toString()]);
  if (deps.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() ?? c.req.header('host');
    if (proto && host) urls.add(`${proto}://${host}${pathAndQuery}`);
  }
  return [...urls];
}

async function verifiedParams(c: Context, deps: TwilioHookDeps): Promise<Record<string, string> | Response> {
  if (!deps.authToken) return c.text('SMS is not configured on this server', 503);
  const form = await c.req.parseBody().catch(() => null);
  if (!form) return c.text('Expected a form-encoded Twilio webhook', 400);
  const params = Object.fromEntries(
    Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const signature = c.req.header('x-twilio-signature');
  const valid = candidateUrls(c, deps).some((url) =>
    isValidTwilioSignature(deps.authToken!, signature, url, params),
  );
  if (!valid) return c.text('Invalid X-Twilio-Signature', 403);
  // Signed or not, text the database cannot hold is refused here, naming the parameter.
  for (const [name, value] of Object.entries(params)) {
    const problem = unstorableTextReason(value);
    if (problem) return c.text(`Parameter ${name.slice(0, 40)} ${problem}`, 400);
  }
  return params;
}

/** /hooks/twilio/status (delivery reports) and /hooks/twilio/inbound (texts people send us), signature-checked. */
export function mountTwilioHooks(app: Hono, deps: TwilioHookDeps) {
  app.post('/hooks/twilio/status', async (c) => {
    const params = await verifiedParams(c, deps);
    if (params instanceof Response) return params;
    const sid = params.MessageSid ?? params.SmsSid;
    if (!sid) return c.text('MessageSid is missing', 400);
    const rawStatus = params.MessageStatus ?? params.SmsStatus ?? '';
    const report = {
      provider: 'twilio' as const,
      providerMessageId: sid,
      status: mapTwilioStatus(rawStatus),
      rawStatus,
      errorCode: params.ErrorCode || undefined,
    };
    // Twilio can call back before our worker has recorded the SID it got; give the ledger a moment to catch up,
    // waiting a little longer each time.
    const deadline = Date.now() + (deps.statusCatchUpMs ?? 5_500);
    for (let attempt = 1; ; attempt++) {
      if (await recordProviderStatus(deps.db.fork(), report)) return c.body(null, 204);
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * attempt, deadline - Date.now())));
    }
    deps.logger.log('warn', 'status callback for an unknown message', { sid, status: rawStatus });
    return c.body(null, 204);
  });

  app.post('/hooks/twilio/inbound', async (c) => {
    const params = await verifiedParams(c, deps);
    if (params instanceof Response) return params;
    const inbound = parseTwilioInbound(params);
    if (!inbound) return c.text('MessageSid and From are required', 400);
    const result = await receiveInboundSms(deps.db.fork(), inbound).catch((error: unknown) => {
      if (error instanceof IdentityError) return error;
      throw error;
    });
    // A sender we cannot read as a phone number (a short code, a forged request) is refused, not a server error.
    if (result instanceof IdentityError) return c.text(`From: ${result.message}`, 400);
    for (const reply of result.replies) {
      await startDelivery(deps.temporal, deps.queues, reply).catch((error: unknown) =>
        // The sweep starts it within a minute; the reply is in the ledger either way.
        deps.logger.log('error', 'keyword reply not started', { messageId: reply.id, error: String(error) }),
      );
    }
    // Replies go through the ledger and gate (recorded, idempotent), never as TwiML.
    return c.body('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', 200, {
      'Content-Type': 'text/xml',
    });
  });
}
