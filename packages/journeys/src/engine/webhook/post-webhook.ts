import { createHmac } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './public-address.ts';

/** The URL or where it leads is not allowed: never retried. */
export class WebhookRefused extends Error {
  override name = 'WebhookRefused';
}

/** The endpoint answered with an error or did not answer in time; `retryable` says whether trying again can help. */
export class WebhookFailed extends Error {
  override name = 'WebhookFailed';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface WebhookTransport {
  /** All addresses a host name resolves to. */
  resolve(hostname: string): Promise<string[]>;
  /** Whether a request may go to this address and port; production allows public addresses only. */
  allows(address: string, port: number): boolean;
}

export const publicInternet: WebhookTransport = {
  async resolve(hostname) {
    return (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
  },
  allows: (address) => isPublicAddress(address),
};

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: receivers recompute it and reject old timestamps. */
export function webhookSignature(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const MAX_REDIRECTS = 3;

/** Where the URL's host resolves, every address allowed, else refused (a name resolving to 127.0.0.1 included). */
async function vettedAddress(url: URL, transport: WebhookTransport): Promise<string> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookRefused(
      `Only http and https webhooks are allowed, not ${url.protocol.replace(':', '')}`,
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await transport.resolve(host);
    } catch {
      throw new WebhookFailed(`${host} could not be resolved`, true);
    }
  }
  const refused = addresses.find((address) => !transport.allows(address, port));
  if (addresses.length === 0 || refused !== undefined)
    throw new WebhookRefused(
      `${host} resolves to ${refused ?? 'nothing'}, which is not a public address; webhooks only go to the internet`,
    );
  return addresses[0]!;
}

function send(
  url: URL,
  address: string,
  request: {
    method: 'POST' | 'GET';
    body: string | null;
    headers: Record<string, string>;
    timeoutMs: number;
  },
): Promise<{ status: number; location: string | null }> {
  // The connection goes to the address that was vetted, never to a second DNS answer (DNS rebinding).
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const family = isIP(address);
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.body !== null ? { 'content-length': String(Buffer.byteLength(request.body)) } : {}),
        },
        lookup,
        timeout: request.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new WebhookFailed(`No answer within ${request.timeoutMs} ms`, true)),
    );
    outgoing.on('error', (error) =>
      reject(
        error instanceof WebhookFailed
          ? error
          : new WebhookFailed(`Could not reach ${url.host}: ${error.message}`, true),
      ),
    );
    outgoing.end(request.body ?? undefined);
  });
}

/**
 * POSTs a signed JSON body to a public http(s) endpoint. Every hop (the URL and each redirect, at most three) is
 * resolved and vetted before connecting; 2xx is success, 408/429/5xx and network trouble are retryable, other 4xx
 * are not.
 */
export async function postWebhook(
  target: string,
  payload: { body: string; secret: string; timeoutMs: number; at?: Date },
  transport: WebhookTransport = publicInternet,
): Promise<{ status: number; url: string }> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new WebhookRefused(`"${target}" is not a URL`);
  }
  let method: 'POST' | 'GET' = 'POST';
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const address = await vettedAddress(url, transport);
    const { status, location } = await send(url, address, {
      method,
      body: method === 'POST' ? payload.body : null,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhook/1',
        'x-switchboard-signature': webhookSignature(payload.secret, payload.body, payload.at ?? new Date()),
      },
      timeoutMs: payload.timeoutMs,
    });
    if (status >= 200 && status < 300) return { status, url: url.toString() };
    if (status >= 300 && status < 400 && location) {
      url = new URL(location, url);
      if (status === 301 || status === 302 || status === 303) method = 'GET';
      continue;
    }
    throw new WebhookFailed(
      `${url.host} answered ${status}`,
      status === 408 || status === 429 || status >= 500,
    );
  }
  throw new WebhookFailed(`More than ${MAX_REDIRECTS} redirects`, false);
}

/**
 * The key a workspace's journey webhooks are signed with, derived from the deployment's tracking secret so server
 * (which shows it) and worker (which signs) agree without storing it. Rotating TRACKING_SECRET rotates it too.
 */
export function journeyWebhookSecret(trackingSecret: string, workspaceId: string): string {
  return `whsec_${createHmac('sha256', trackingSecret).update(`journey-webhook:${workspaceId}`).digest('base64url')}`;
}
