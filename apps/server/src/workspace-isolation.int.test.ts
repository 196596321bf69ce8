import { describe, expect, it } from 'vitest';
import { TestBrowser, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const a = await seedWorkspace(t.database.db, 'alpha');
const b = await seedWorkspace(t.database.db, 'bravo');

describe('workspace isolation', () => {
  it('an owner of workspace A gets 404 for every id of workspace B and never sees B’s data', async () => {
    const ownerB = new TestBrowser(t.app);
    await ownerB.signIn(b.users.owner.email, TEST_PASSWORD);
    const keyB = (
      await ownerB.mutate<{ id: string }>('apiKeys.create', { name: 'B key', scopes: ['contacts:read'] })
    ).body.result!.data;
    const inviteB = (
      await ownerB.mutate<{ id: string }>('members.invite', { email: 'someone@bravo.test', role: 'agent' })
    ).body.result!.data;

    const ownerA = new TestBrowser(t.app);
    await ownerA.signIn(a.users.owner.email, TEST_PASSWORD);
    expect((await ownerA.mutate('apiKeys.revoke', { keyId: keyB.id })).status).toBe(404);
    expect((await ownerA.mutate('members.revokeInvite', { inviteId: inviteB.id })).status).toBe(404);
    expect(
      (await ownerA.mutate('members.changeRole', { userId: b.users.agent.id, role: 'admin' })).status,
    ).toBe(404);
    expect((await ownerA.mutate('members.remove', { userId: b.users.agent.id })).status).toBe(404);

    const everything = JSON.stringify([
      (await ownerA.query('apiKeys.list')).body,
      (await ownerA.query('members.list')).body,
      (await ownerA.query('members.invites')).body,
      (await ownerA.query('audit.list')).body,
    ]);
    for (const secret of [keyB.id, inviteB.id, b.users.agent.id, 'bravo.test'])
      expect(everything).not.toContain(secret);

    // B's key still works: nothing A did touched it.
    const stillThere = await ownerB.query<{ revokedAt: string | null }[]>('apiKeys.list');
    expect(stillThere.body.result?.data?.[0]?.revokedAt).toBeNull();
  });

  it('cannot choose another workspace through input: the workspace always comes from the session', async () => {
    const ownerA = new TestBrowser(t.app);
    await ownerA.signIn(a.users.owner.email, TEST_PASSWORD);
    const res = await ownerA.mutate<{ id: string }>('apiKeys.create', {
      name: 'sneaky',
      scopes: ['contacts:read'],
      workspaceId: b.id,
    });
    expect(res.status).toBe(200);
    const ownerB = new TestBrowser(t.app);
    await ownerB.signIn(b.users.owner.email, TEST_PASSWORD);
    const keysB = await ownerB.query<{ name: string }[]>('apiKeys.list');
    expect(keysB.body.result?.data?.map((k) => k.name)).not.toContain('sneaky');
  });

  it('a person in two workspaces signs into the one they name and only sees that one', async () => {
    const em = t.database.db.fork();
    const { Membership } = await import('@switchboard/db');
    em.create(Membership, {
      id: crypto.randomUUID(),
      workspace: b.id,
      user: a.users.analyst.id,
      role: 'agent',
    });
    await em.flush();
    const browser = new TestBrowser(t.app);
    await browser.mutate('auth.signIn', {
      email: a.users.analyst.email,
      password: TEST_PASSWORD,
      workspace: 'bravo',
    });
    const me = await browser.query<{ workspace: { slug: string }; role: string }>('auth.me');
    expect(me.body.result?.data).toMatchObject({ workspace: { slug: 'bravo' }, role: 'agent' });
  });
});
