import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '@switchboard/accounts';
import { freeStackPorts, launchProduct, portOpen } from '../support/launch-product.ts';

const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-start-'));
const ports = await freeStackPorts();
const base = `http://127.0.0.1:${ports.PORT}`;
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs the launcher exactly as `npm start` does after its install step, with embedded PostgreSQL and Temporal. */
const startLauncher = () =>
  launchProduct(process.execPath, ['--import', 'tsx', 'packages/stack/src/launcher/start.ts'], {
    dataDir,
    ports,
  });

async function stopAndCheckNothingLeft(child: ChildProcess) {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const [name, port] of Object.entries(ports))
    expect(await portOpen(port), `${name} still listening`).toBe(false);
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const owner = DEMO.users.find((u) => u.role === 'owner')!;
  const res = await fetch(`${base}/trpc/auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: owner.email, password: DEMO.password }),
  });
  expect(res.status).toBe(200);
  const cookie = /sb_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  const csrf = ((await res.json()) as { result: { data: { csrfToken: string } } }).result.data.csrfToken;
  return { cookie, csrf };
}

describe('the start command', () => {
  it('brings up the whole product with the demo workspace, stops cleanly, and a second start reuses the data', async () => {
    const first = startLauncher();
    await first.ready;
    expect(first.output()).toContain('demo workspace just created');
    expect(first.output()).toContain(`Temporal UI    http://localhost:${ports.TEMPORAL_UI_PORT}`);
    const health = (await (await fetch(`${base}/healthz`)).json()) as Record<string, { ok: boolean }>;
    expect([health.database?.ok, health.temporal?.ok, health.worker?.ok], JSON.stringify(health)).toEqual([
      true,
      true,
      true,
    ]);
    expect((await fetch(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`)).status).toBe(200);
    const html = await (await fetch(`${base}/contacts`)).text();
    expect(html).toContain('<div id="root">');

    const { cookie, csrf } = await signIn();
    const created = await fetch(`${base}/trpc/apiKeys.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf, origin: base },
      body: JSON.stringify({ name: 'survives restarts', scopes: ['contacts:read'] }),
    });
    expect(created.status).toBe(200);
    await stopAndCheckNothingLeft(first.child);

    const second = startLauncher();
    await second.ready;
    expect(second.output()).not.toContain('demo workspace just created');
    // The session survives too: sessions live in PostgreSQL, whose data folder was reused.
    const keys = await fetch(`${base}/trpc/apiKeys.list`, { headers: { cookie } });
    expect(JSON.stringify(await keys.json())).toContain('survives restarts');
    await stopAndCheckNothingLeft(second.child);
  }, 240_000);
});
