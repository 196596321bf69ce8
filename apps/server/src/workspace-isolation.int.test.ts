import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appRouter, createCallerFactory } from '@switchboard/api';
import { resolveSession } from '@switchboard/accounts';
import { identifyContact } from '@switchboard/contacts';
import { resolverFor, sampleFromSchema, type JsonSchema } from './fuzz/schema-samples.ts';
import { callerContext, TestBrowser, useTestApp } from './testing/test-app.ts';
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

  it('answers every procedure that takes an id with 404 for the other workspace’s ids, never with its data or an empty answer', async () => {
    const ownerB = new TestBrowser(t.app);
    await ownerB.signIn(b.users.owner.email, TEST_PASSWORD);
    const made = async (path: string, input: unknown) =>
      (await ownerB.mutate<{ id: string }>(path, input)).body.result!.data.id;
    const theirs = {
      contact: (
        await identifyContact(t.database.db.fork(), b.id, {
          identities: { email: 'theirs.walk@example.com' },
          profile: {},
          attributes: {},
          at: new Date(),
          actor: { type: 'cli', id: null, label: 'test' },
        })
      ).contact.id,
      segment: await made('segments.create', {
        name: 'Theirs walk',
        rules: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'x' }] },
      }),
      template: await made('templates.create', { name: 'Theirs walk', channel: 'email' }),
      company: await made('crm.createCompany', { name: 'Theirs Inc' }),
    };
    const idOf = (procedure: string) => (name: string) => {
      if (/^(contactId|ids)$/.test(name)) return theirs.contact;
      if (/^(segmentId|listId)$/.test(name)) return theirs.segment;
      if (name === 'templateId') return theirs.template;
      if (name === 'companyId') return theirs.company;
      if (name !== 'id') return undefined;
      const area = procedure.split('.')[0];
      return area === 'contacts'
        ? theirs.contact
        : area === 'segments'
          ? theirs.segment
          : area === 'templates'
            ? theirs.template
            : area === 'crm'
              ? theirs.company
              : undefined;
    };

    const ownerA = new TestBrowser(t.app);
    await ownerA.signIn(a.users.owner.email, TEST_PASSWORD);
    const session = (await resolveSession(t.database.db.fork(), ownerA.cookie!, t.services.sessionSecret))!;
    const caller = createCallerFactory(appRouter)(callerContext(t, session, 'isolation-walk'));
    const answeredWithTheirIds: string[] = [];
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { inputs?: z.ZodType[] } }
    >;
    for (const [path, procedure] of Object.entries(procedures)) {
      const input = procedure._def.inputs?.[0];
      if (!input || path === 'auth.signOut') continue;
      const schema = z.toJSONSchema(input, {
        io: 'input',
        unrepresentable: 'any',
        cycles: 'ref',
        reused: 'inline',
      });
      const sample = sampleFromSchema(
        schema as JsonSchema,
        resolverFor(schema as JsonSchema),
        '',
        0,
        idOf(path),
      );
      if (!Object.values(theirs).some((id) => JSON.stringify(sample).includes(id))) continue;
      let target: unknown = caller;
      for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
      try {
        await (target as (i: unknown) => Promise<unknown>)(sample);
        answeredWithTheirIds.push(path);
      } catch (error) {
        // Refused one way or another (404, or a 400/409 about another field first), never a server error.
        if ((error as { code?: string }).code === 'INTERNAL_SERVER_ERROR')
          answeredWithTheirIds.push(`${path} (500)`);
      }
    }
    // Bulk actions over a set of ids affect only the caller's own contacts: B's ids are simply not in it.
    expect(answeredWithTheirIds.filter((p) => p !== 'contacts.bulk')).toEqual([]);
  });
});
