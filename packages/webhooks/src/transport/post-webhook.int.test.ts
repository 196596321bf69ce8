import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.ts';
import {
  postWebhook,
  publicInternet,
  WebhookFailed,
  WebhookRefused,
  type WebhookTransport,
} from './post-webhook.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  path: string;
}
const received: Received[] = [];
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body, path: request.url ?? '' });
      const path = request.url ?? '';
      if (path === '/to-metadata')
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      else if (path === '/to-self') response.writeHead(307, { location: `http://127.0.0.1:${port}/hook` });
      else if (path === '/broken') response.writeHead(503);
      else if (path === '/gone') response.writeHead(410);
      else if (path === '/slow') return setTimeout(() => response.end('late'), 3000);
      else response.writeHead(204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Public rules, except that this test's receiver on loopback counts as reachable (nothing else local does). */
const receiverOnly = (): WebhookTransport => ({
  resolve: (hostname) => Promise.resolve(hostname === 'hooks.example' ? ['127.0.0.1'] : []),
  allows: (address, p) => isPublicAddress(address) || (address === '127.0.0.1' && p === port),
});
const payload = { body: JSON.stringify({ hello: 'world' }), secret: 'whsec_test', timeoutMs: 1000 };

describe('journey webhooks', () => {
  it('POSTs the JSON with a signature the receiver can check', async () => {
    const at = new Date('2026-12-05T10:00:00Z');
    const answer = await postWebhook(`http://hooks.example:${port}/hook`, { ...payload, at }, receiverOnly());
    expect(answer.status).toBe(204);
    const last = received.at(-1)!;
    expect(last.body).toBe(payload.body);
    expect(last.headers['content-type']).toBe('application/json');
    const signature = String(last.headers['x-switchboard-signature']);
    const expected = createHmac('sha256', 'whsec_test').update(`1796464800.${payload.body}`).digest('hex');
    expect(signature).toBe(`t=1796464800,v1=${expected}`);
  });

  it('refuses loopback, private, link-local and metadata addresses before connecting', async () => {
    const before = received.length;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      'http://10.0.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0/hook',
      'http://192.168.1.1/',
    ])
      await expect(postWebhook(url, payload, publicInternet), url).rejects.toBeInstanceOf(WebhookRefused);
    expect(received.length).toBe(before);
  });

  it('refuses a name that resolves to a private address (localhost, or a DNS record pointing inside)', async () => {
    await expect(
      postWebhook(`http://localhost:${port}/hook`, payload, publicInternet),
    ).rejects.toBeInstanceOf(WebhookRefused);
    const inside: WebhookTransport = {
      resolve: () => Promise.resolve(['93.184.216.34', '10.1.2.3']),
      allows: publicInternet.allows,
    };
    await expect(postWebhook('https://rebind.example/hook', payload, inside)).rejects.toThrow(/10\.1\.2\.3/);
  });

  it('refuses a redirect to the metadata service, and follows one that stays allowed', async () => {
    await expect(
      postWebhook(`http://hooks.example:${port}/to-metadata`, payload, receiverOnly()),
    ).rejects.toThrow(/169\.254\.169\.254/);
    const followed = await postWebhook(`http://hooks.example:${port}/to-self`, payload, receiverOnly());
    expect(followed.url).toBe(`http://127.0.0.1:${port}/hook`);
    expect(received.at(-1)!.body).toBe(payload.body);
  });

  it('refuses other schemes and says which errors are worth retrying', async () => {
    await expect(postWebhook('ftp://hooks.example/x', payload, receiverOnly())).rejects.toThrow(
      /Only http and https/,
    );
    await expect(postWebhook('file:///etc/passwd', payload, receiverOnly())).rejects.toBeInstanceOf(
      WebhookRefused,
    );
    await expect(postWebhook('not a url', payload, receiverOnly())).rejects.toBeInstanceOf(WebhookRefused);
    const broken = await postWebhook(`http://hooks.example:${port}/broken`, payload, receiverOnly()).catch(
      (e) => e,
    );
    expect(broken).toBeInstanceOf(WebhookFailed);
    expect((broken as WebhookFailed).retryable).toBe(true);
    const gone = await postWebhook(`http://hooks.example:${port}/gone`, payload, receiverOnly()).catch(
      (e) => e,
    );
    expect((gone as WebhookFailed).retryable).toBe(false);
    const slow = await postWebhook(
      `http://hooks.example:${port}/slow`,
      { ...payload, timeoutMs: 200 },
      receiverOnly(),
    ).catch((e) => e);
    expect(slow).toBeInstanceOf(WebhookFailed);
    expect((slow as WebhookFailed).message).toMatch(/No answer within 200 ms/);
  });
});
