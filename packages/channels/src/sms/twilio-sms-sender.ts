import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { PermanentSendError, type SendResult, type SmsMessage, type SmsSender } from '../channel-port.ts';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** When set, messages go through this Messaging Service instead of the From number. */
  messagingServiceSid?: string | undefined;
  /** https://api.twilio.com in production; the sandbox peer's URL locally. */
  apiBaseUrl: string;
}

const TWILIO_API = 'https://api.twilio.com';

/**
 * The real twilio SDK, with an HTTP client that only swaps the API host when one is configured: the request the SDK
 * builds (auth, form encoding, paths) is exactly what production sends.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 15_000, keepAlive: true });
  }
  override request<T>(opts: RequestClient.RequestOptions<T>) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.baseUrl + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<T>({ ...opts, uri });
  }
}

export function createTwilioSmsSender(options: TwilioOptions): SmsSender {
  const client = twilio(options.accountSid, options.authToken, {
    ...(options.apiBaseUrl !== TWILIO_API
      ? { httpClient: new RebasedRequestClient(options.apiBaseUrl) }
      : {}),
  });
  return {
    async send(message: SmsMessage): Promise<SendResult> {
      try {
        const created = await client.messages.create({
          to: message.to,
          ...((message.messagingServiceSid ?? options.messagingServiceSid)
            ? { messagingServiceSid: message.messagingServiceSid ?? options.messagingServiceSid }
            : { from: options.from }),
          body: message.body,
          ...(message.mediaUrls?.length ? { mediaUrl: message.mediaUrls } : {}),
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
        });
        return { providerMessageId: created.sid, status: 'accepted' };
      } catch (error) {
        const status = (error as { status?: number }).status;
        // 4xx from Twilio means the request itself is wrong (invalid number, unverified sender): do not retry.
        if (status && status >= 400 && status < 500 && status !== 429)
          throw new PermanentSendError((error as Error).message, (error as { code?: number }).code);
        throw error;
      }
    },
  };
}
