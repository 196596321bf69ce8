import { describe, expect, it } from 'vitest';
import { TestBrowser, TEST_PUBLIC_URL, useTestApp } from './testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');

function inviteLinkFor(email: string): string {
  const caught = t.smtp.list(50).find((m) => m.to === email);
  if (!caught) throw new Error(`no invite email to ${email}`);
  const text = t.smtp.get(caught.id)!.text ?? '';
  const link = new RegExp(`${TEST_PUBLIC_URL}/invite/([A-Za-z0-9_-]+)`).exec(text);
  if (!link?.[1]) throw new Error('no invite link in the email');
  return link[1];
}

describe('inviting a colleague', () => {
  it('emails a real invite over SMTP; accepting it creates the account with the invited role and signs in', async () => {
    const admin = new TestBrowser(t.app);
    await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
    const invited = await admin.mutate('members.invite', { email: 'New.Person@Example.com', role: 'agent' });
    expect(invited.status).toBe(200);
    const email = t.smtp.list(1)[0]!;
    expect(email).toMatchObject({
      to: 'new.person@example.com',
      subject: expect.stringContaining('invited you to Workspace acme'),
    });

    const token = inviteLinkFor('new.person@example.com');
    const newcomer = new TestBrowser(t.app);
    const info = await newcomer.query<{ email: string; role: string; hasAccount: boolean }>(
      'auth.inviteInfo',
      { token },
    );
    expect(info.body.result?.data).toMatchObject({
      email: 'new.person@example.com',
      role: 'agent',
      hasAccount: false,
    });

    const weak = await newcomer.mutate('auth.acceptInvite', { token, name: 'Nia', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.data.fieldErrors).toHaveProperty('password');

    const accepted = await newcomer.mutate('auth.acceptInvite', {
      token,
      name: 'Nia Newcomer',
      password: 'a-good-password',
    });
    expect(accepted.status).toBe(200);
    const me = await newcomer.query<{ role: string; user: { name: string } }>('auth.me');
    expect(me.body.result?.data).toMatchObject({ role: 'agent', user: { name: 'Nia Newcomer' } });

    const again = await new TestBrowser(t.app).mutate('auth.acceptInvite', {
      token,
      name: 'X',
      password: 'a-good-password',
    });
    expect(again.status).toBe(409);

    const members = await admin.query<{ email: string; role: string }[]>('members.list');
    expect(members.body.result?.data).toContainEqual(
      expect.objectContaining({ email: 'new.person@example.com', role: 'agent' }),
    );
    const audit = await admin.query<{ action: string }[]>('audit.list');
    expect(audit.body.result?.data?.map((a) => a.action)).toEqual(
      expect.arrayContaining(['member.invited', 'invite.accepted']),
    );
  });

  it('does not let an admin invite an owner, and refuses inviting an existing member', async () => {
    const admin = new TestBrowser(t.app);
    await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
    expect((await admin.mutate('members.invite', { email: 'boss@example.com', role: 'owner' })).status).toBe(
      403,
    );
    expect(
      (await admin.mutate('members.invite', { email: acme.users.agent.email, role: 'agent' })).status,
    ).toBe(409);
  });

  it('changes roles, keeps at least one owner, and records who did it', async () => {
    const owner = new TestBrowser(t.app);
    await owner.signIn(acme.users.owner.email, TEST_PASSWORD);
    const promoted = await owner.mutate('members.changeRole', {
      userId: acme.users.analyst.id,
      role: 'marketer',
    });
    expect(promoted.body.result?.data).toEqual({ userId: acme.users.analyst.id, role: 'marketer' });
    const lastOwner = await owner.mutate('members.changeRole', {
      userId: acme.users.owner.id,
      role: 'admin',
    });
    expect(lastOwner.status).toBe(409);
    const admin = new TestBrowser(t.app);
    await admin.signIn(acme.users.admin.email, TEST_PASSWORD);
    expect(
      (await admin.mutate('members.changeRole', { userId: acme.users.owner.id, role: 'agent' })).status,
    ).toBe(403);
    const audit =
      await owner.query<{ action: string; actor: string; details: { to?: string } }[]>('audit.list');
    expect(audit.body.result?.data?.[0]).toMatchObject({
      action: 'member.role_changed',
      actor: acme.users.owner.email,
      details: { to: 'marketer' },
    });
  });
});
