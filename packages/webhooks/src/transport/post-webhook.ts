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
    /** What the endpoint answered, when it answered. */
    readonly response: WebhookResponse | null = null,
  ) {
    super(message);
  }
}

export interface WebhookResponse {
  status: number;
  /** The start of the response body (at most RESPONSE_BODY_LIMIT bytes, decoded as UTF-8). */
  body: string;
}

/** How much of an endpoint's answer is read and kept: enough for an error message, never a download. */
export const RESPONSE_BODY_LIMIT = 4096;

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

/** `[fd00::5]:443` → `fd00::5:443`, as an address and port are compared. */
export const normalisedTarget = (target: string) => target.trim().replace(/^\[(.*)\]:(\d+)$/, '$1:$2');

/**
 * The internet plus named private targets (`10.0.0.5:8080`, `[fd00::5]:443`): for a CRM inside the same network as
 * a self-hosted installation. Exact address and port only, so a name that resolves there by DNS is judged by the
 * address it resolves to, like any other.
 */
export function internetAndPrivateTargets(targets: readonly string[]): WebhookTransport {
  const allowed = new Set(targets.map(normalisedTarget).filter(Boolean));
  if (allowed.size === 0) return publicInternet;
  return {
    resolve: (hostname) => publicInternet.resolve(hostname),
    allows: (address, port) => isPublicAddress(address) || allowed.has(`${address}:${port}`),
  };
}

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
): Promise<{ status: number; location: string | null; body: string }> {
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
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        response.on('data', (chunk: Buffer) => {
          if (kept >= RESPONSE_BODY_LIMIT) {
            // Enough to show; the rest is not read, so a huge or endless answer costs nothing.
            response.destroy();
            done();
            return;
          }
          chunks.push(chunk.subarray(0, RESPONSE_BODY_LIMIT - kept));
          kept += Math.min(chunk.length, RESPONSE_BODY_LIMIT - kept);
        });
        response.on('end', done);
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
 * POSTs a signed JSON body to a public http(s) endpoint. Every hop (the URL and each redirect, at most three, unless
 * `followRedirects` is false) is resolved and vetted before connecting; 2xx is success, 408/429/5xx and network
 * trouble are retryable, other 4xx are not.
 */
export async function postWebhook(
  target: string,
  payload: {
    body: string;
    secret: string;
    timeoutMs: number;
    at?: Date;
    headers?: Record<string, string>;
    followRedirects?: boolean;
  },
  transport: WebhookTransport = publicInternet,
): Promise<{ status: number; url: string; body: string }> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new WebhookRefused(`"${target}" is not a URL`);
  }
  let method: 'POST' | 'GET' = 'POST';
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const address = await vettedAddress(url, transport);
    const { status, location, body } = await send(url, address, {
      method,
      body: method === 'POST' ? payload.body : null,
      headers: {
        ...payload.headers,
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhook/1',
        'x-switchboard-signature': webhookSignature(payload.secret, payload.body, payload.at ?? new Date()),
      },
      timeoutMs: payload.timeoutMs,
    });
    if (status >= 200 && status < 300) return { status, url: url.toString(), body };
    if (status >= 300 && status < 400 && payload.followRedirects === false)
      throw new WebhookFailed(
        `${url.host} answered ${status} (a redirect${location ? ` to ${location}` : ''}); redirects are not followed, so point the endpoint at the final URL`,
        true,
        { status, body },
      );
    if (status >= 300 && status < 400 && location) {
      url = new URL(location, url);
      if (status === 301 || status === 302 || status === 303) method = 'GET';
      continue;
    }
    throw new WebhookFailed(
      `${url.host} answered ${status}`,
      status === 408 || status === 429 || status >= 500,
      { status, body },
    );
  }
  throw new WebhookFailed(`More than ${MAX_REDIRECTS} redirects`, false);
}
