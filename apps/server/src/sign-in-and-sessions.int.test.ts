import { describe, expect, it } from 'vitest';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { resolveSession, sessionIdFor } from '@switchboard/accounts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');

describe('sign-in and sessions', () => {
  it('signs in with a httpOnly SameSite cookie and reports who is signed in', async () => {
    const browser = new TestBrowser(t.app);
    const res = await browser.signIn(acme.users.marketer.email, TEST_PASSWORD);
    expect(res.setCookie).toMatch(/sb_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(res.setCookie).not.toContain('Secure'); // http public URL in this test
    const me = await browser.query<{ user: { email: string }; role: string; workspace: { slug: string } }>(
      'auth.me',
    );
    expect(me.body.result?.data).toMatchObject({
      user: { email: acme.users.marketer.email },
      role: 'marketer',
      workspace: { slug: 'acme' },
    });
  });

  it('stores only a keyed hash of the session token, so rotating SESSION_SECRET signs everyone out', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signIn(acme.users.agent.email, TEST_PASSWORD);
    const token = browser.cookie!;
    const rows = await t.database.db
      .fork()
      .getConnection()
      .execute<{ id: string }[]>('select id from sessions');
    expect(rows.map((r) => r.id)).toContain(sessionIdFor(t.services.sessionSecret, token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await resolveSession(t.database.db.fork(), token, t.services.sessionSecret)).not.toBeNull();
    expect(await resolveSession(t.database.db.fork(), token, 'a-rotated-secret-'.padEnd(40, 'y'))).toBeNull();
  });

  it('refuses a wrong password with 401 and the same message as an unknown email', async () => {
    const browser = new TestBrowser(t.app);
    const wrong = await browser.mutate('auth.signIn', {
      email: acme.users.agent.email,
      password: 'nope-nope-nope',
    });
    const unknown = await browser.mutate('auth.signIn', {
      email: 'nobody@acme.test',
      password: 'nope-nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error?.message).toBe(unknown.body.error?.message);
    expect(browser.cookie).toBeNull();
  });

  it('rate-limits repeated failures for one email with 429 and Retry-After seconds, even with the right password', async () => {
    const browser = new TestBrowser(t.app);
    for (let i = 0; i < 5; i++)
      await browser.mutate('auth.signIn', {
        email: acme.users.analyst.email,
        password: `wrong-${i}-password`,
      });
    const blocked = await browser.mutate('auth.signIn', {
      email: acme.users.analyst.email,
      password: TEST_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error?.data.retryAfterSeconds).toBeGreaterThan(800);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
  });

  it('counts parallel guesses atomically: of ten simultaneous wrong passwords five are refused with 429', async () => {
    const browser = new TestBrowser(t.app);
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        browser.mutate('auth.signIn', { email: acme.users.marketer.email, password: `parallel-${i}-guess` }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('five wrong guesses from one address do not lock the real user out from another', async () => {
    const attacker = new TestBrowser(t.app).from('198.51.100.7');
    for (let i = 0; i < 6; i++)
      await attacker.mutate('auth.signIn', { email: acme.users.agent.email, password: `guess-${i}-wrong` });
    expect(
      (await attacker.mutate('auth.signIn', { email: acme.users.agent.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(429);
    const owner = new TestBrowser(t.app).from('203.0.113.20');
    expect(
      (await owner.mutate('auth.signIn', { email: acme.users.agent.email, password: TEST_PASSWORD })).status,
    ).toBe(200);
  });

  it('signs out: the cookie is cleared and the old token no longer works', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signIn(acme.users.admin.email, TEST_PASSWORD);
    const oldCookie = browser.cookie;
    const out = await browser.mutate('auth.signOut');
    expect(out.status).toBe(200);
    expect(out.setCookie).toContain('Max-Age=0');
    browser.cookie = oldCookie;
    expect((await browser.query('auth.me')).body.result?.data).toBeNull();
  });

  it('refuses a state-changing request without the CSRF token, and with a forged one', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signIn(acme.users.owner.email, TEST_PASSWORD);
    const missing = await browser.mutate(
      'apiKeys.create',
      { name: 'x', scopes: ['contacts:read'] },
      { 'x-csrf-token': null },
    );
    expect(missing.status).toBe(403);
    expect(missing.body.error?.message).toMatch(/CSRF/);
    const forged = await browser.mutate(
      'apiKeys.create',
      { name: 'x', scopes: ['contacts:read'] },
      { 'x-csrf-token': 'forged' },
    );
    expect(forged.status).toBe(403);
    const ok = await browser.mutate('apiKeys.create', { name: 'x', scopes: ['contacts:read'] });
    expect(ok.status).toBe(200);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const browser = new TestBrowser(t.app, 'https://evil.example');
    const res = await browser.mutate('auth.signIn', {
      email: acme.users.owner.email,
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(browser.cookie).toBeNull();
  });

  it('answers bad input with 400 naming each field', async () => {
    const browser = new TestBrowser(t.app);
    await browser.signIn(acme.users.owner.email, TEST_PASSWORD);
    const res = await browser.mutate('apiKeys.create', { name: '', scopes: ['contacts:destroy'] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error?.data.fieldErrors ?? {}).sort()).toEqual(['name', 'scopes.0']);
    const invite = await browser.mutate('members.invite', { email: 'not-an-email', role: 'agent' });
    expect(invite.status).toBe(400);
    expect(invite.body.error?.data.fieldErrors).toHaveProperty('email');
    const malformed = await t.app.request('/trpc/auth.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://switchboard.test' },
      body: '{"email": ',
    });
    expect(malformed.status).toBe(400);
  });
});
