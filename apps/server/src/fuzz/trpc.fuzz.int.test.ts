import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { appRouter, type ProcedureMeta } from '@switchboard/api';
import { TestBrowser, useTestApp } from '../testing/test-app.ts';
import { seedWorkspace, TEST_PASSWORD } from '../testing/seed-workspace.ts';
import { jsonBytes } from './hostile-values.ts';
import { identifyContact } from '@switchboard/contacts';
import {
  mutationsOf,
  resolverFor,
  sampleFromSchema,
  type IdHint,
  type JsonSchema,
} from './schema-samples.ts';
import { answerProblem, databaseFingerprint, mustBeRefused } from './response-checks.ts';
import { fuzzParameters, percentEncodeBytes } from './fuzz-settings.ts';

/**
 * Every tRPC procedure of the router, called over HTTP as the web app calls it (queries as GET, mutations as POST
 * with the CSRF token) by a signed-in owner, with inputs near a valid sample and one part hostile: never a 5xx, never
 * a stack trace, a refusal names the field, and a refused call changes no table.
 */
const t = await useTestApp();
const ws = await seedWorkspace(t.database.db, 'trpcfuzz');
const owner = new TestBrowser(t.app);
await owner.signIn(ws.users.owner.email, TEST_PASSWORD);

/** Real things of the workspace, so inputs naming them reach the procedure instead of stopping at "not found". */
async function created(path: string, input: unknown): Promise<string> {
  const res = await owner.mutate<{ id: string }>(path, input);
  if (!res.body.result) throw new Error(`setting up ${path}: ${JSON.stringify(res.body)}`);
  return res.body.result.data.id;
}
const contactOf = async (email: string) =>
  (
    await identifyContact(t.database.db.fork(), ws.id, {
      identities: { email },
      profile: { firstName: 'Fuzz' },
      attributes: {},
      at: new Date(),
      actor: { type: 'cli', id: null, label: 'fuzz' },
    })
  ).contact.id;
const pool = {
  contact: await contactOf('fuzz.contact@example.com'),
  // The one erasure may take away.
  erasable: await contactOf('fuzz.erasable@example.com'),
  segment: await created('segments.create', {
    name: 'Fuzz segment',
    rules: { kind: 'group', match: 'all', conditions: [{ kind: 'tag', op: 'has', value: 'vip' }] },
  }),
  template: await created('templates.create', { name: 'Fuzz template', channel: 'email' }),
  company: await created('crm.createCompany', { name: 'Fuzz Inc' }),
  user: ws.users.agent.id,
};

function idHintFor(procedure: string): IdHint {
  const area = procedure.split('.')[0];
  const byArea: Record<string, string | undefined> = {
    contacts: procedure === 'contacts.erase' ? pool.erasable : pool.contact,
    segments: pool.segment,
    templates: pool.template,
    crm: pool.company,
    members: pool.user,
  };
  return (name) => {
    if (/^(contactId|ids)$/.test(name)) return pool.contact;
    if (/^(segmentId|listId)$/.test(name)) return pool.segment;
    if (name === 'templateId') return pool.template;
    if (name === 'companyId') return pool.company;
    if (/^(userId|ownerId)$/.test(name)) return pool.user;
    if (name === 'id') return byArea[area!];
    return undefined;
  };
}

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: ProcedureMeta; inputs?: z.ZodType[] };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>)
  // Signing out would end the session every other call uses.
  .filter(([path]) => path !== 'auth.signOut');

function baseInput(path: string, procedure: ProcedureDef): unknown {
  const input = procedure._def.inputs?.[0];
  if (!input) return undefined;
  const schema = z.toJSONSchema(input, {
    io: 'input',
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
  }) as JsonSchema;
  return sampleFromSchema(schema, resolverFor(schema), '', 0, idHintFor(path));
}

async function call(path: string, type: 'query' | 'mutation', input: unknown) {
  const cookie = { cookie: `sb_session=${owner.cookie}` };
  const res =
    type === 'query'
      ? await t.app.request(
          `/trpc/${path}${input === undefined ? '' : `?input=${percentEncodeBytes(jsonBytes(input))}`}`,
          { headers: cookie },
        )
      : await t.app.request(`/trpc/${path}`, {
          method: 'POST',
          headers: {
            ...cookie,
            'content-type': 'application/json',
            origin: 'http://switchboard.test',
            'x-csrf-token': owner.csrfToken!,
          },
          body: jsonBytes(input ?? null),
        });
  return { status: res.status, body: await res.text() };
}

describe('fuzzing every tRPC procedure', () => {
  it('walks the whole router', () => {
    expect(procedures.length).toBeGreaterThan(80);
  });

  for (const [path, procedure] of procedures) {
    if (procedure._def.type === 'subscription') continue;
    it(
      path,
      async () => {
        const base = baseInput(path, procedure);
        await fc.assert(
          fc.asyncProperty(mutationsOf(base ?? {}), async (input) => {
            const before = await databaseFingerprint(t.database.db);
            const answer = await call(path, procedure._def.type as 'query' | 'mutation', input);
            const problem = answerProblem(answer, 'trpc');
            if (problem) throw new Error(`${path}: ${problem}`);
            if (answer.status < 400 && mustBeRefused(input))
              throw new Error(`${path} accepted input it cannot store as sent (${answer.status})`);
            if (answer.status >= 400 && (await databaseFingerprint(t.database.db)) !== before)
              throw new Error(`${path} answered ${answer.status} but changed the database`);
          }),
          fuzzParameters(procedure._def.inputs?.length ? 30 : 3),
        );
      },
      120_000,
    );
  }
});
