import { createHmac } from 'node:crypto';

/**
 * Twilio's request signature: HMAC-SHA1 over the full URL followed by each POST parameter's name and value, sorted
 * by name, keyed with the account's auth token, base64-encoded. Used by the sandbox to sign status callbacks.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}
