import { describe, expect, it } from 'vitest';
import { createApiKey } from '@switchboard/accounts';
import { EventGroupCommit } from '@switchboard/contacts';
import { useTestApp } from './testing/test-app.ts';
import { seedWorkspace } from './testing/seed-workspace.ts';

const t = await useTestApp();
const acme = await seedWorkspace(t.database.db, 'acme');
const { key } = await createApiKey(t.database.db.fork(), {
  workspaceId: acme.id,
  name: 'load',
  scopes: ['events:write'],
  actor: { type: 'cli', id: null, label: 'test' },
});

const post = (path: string, body: unknown) =>
  t.app.request(`/api/v1/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const track = (body: unknown) => post('track', body);

describe('single track calls under concurrency', () => {
  it('commits every accepted event exactly once, and a bad call fails alone', async () => {
    const calls = Array.from({ length: 300 }, (_, i) =>
      i === 137
        ? track({ contactId: crypto.randomUUID(), event: 'x' })
        : track({
            email: `load${i % 40}@example.com`,
            event: 'page_viewed',
            messageId: `m-${i % 250}`,
            properties: { i },
          }),
    );
    const responses = await Promise.all(calls.map((call) => Promise.resolve(call)));
    const statuses = await Promise.all(
      responses.map(async (r) =>
        r.status === 200 ? ((await r.json()) as { status: string }).status : r.status,
      ),
    );
    expect(statuses[137]).toBe(404);
    expect(statuses.filter((s) => s === 'stored')).toHaveLength(249); // m-137 belongs to the failed call
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(50);
    const [events] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from events`);
    expect(Number(events!.n)).toBe(249);
    const [contacts] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ c: string }[]>(`select count(*) as c from contacts`);
    expect(Number(contacts!.c)).toBe(40);
  });

  it('writes concurrent batches together, yet a batch naming an unknown contact writes none of its events', async () => {
    const batch = (n: number, bad: boolean) =>
      post('batch', {
        batch: Array.from({ length: 50 }, (_, i) =>
          bad && i === 49
            ? { type: 'track', contactId: crypto.randomUUID(), event: 'x' }
            : {
                type: 'track',
                email: `batch${n}-${i % 10}@example.com`,
                event: 'clicked',
                messageId: `b${n}-${i}`,
              },
        ),
      });
    const responses = await Promise.all([batch(1, false), batch(2, true), batch(3, false)]);
    expect(responses.map((r) => r.status)).toEqual([200, 404, 200]);
    const bad = (await responses[1].json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(bad.error.fields)).toEqual(['batch.49.contactId']);
    const [events] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from events where name = 'clicked'`);
    expect(Number(events!.n)).toBe(100);
  });

  it('answers an event holding text PostgreSQL cannot store with its own 400, and every innocent call is stored', async () => {
    for (let round = 0; round < 3; round++) {
      const calls = Array.from({ length: 16 }, (_, i) =>
        track({
          email: `nul${i}@example.com`,
          event: 'viewed',
          messageId: `nul-${round}-${i}`,
          properties: i === 3 ? { k: 'a\u0000b' } : i === 11 ? { k: 'x\uD800y' } : { k: 'fine' },
        }),
      );
      const responses = await Promise.all(calls.map((call) => Promise.resolve(call)));
      const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
        status?: string;
        error?: { code: string; fields: Record<string, string> };
      }[];
      for (const [i, response] of responses.entries()) {
        if (i === 3 || i === 11) {
          expect(response.status, `call ${i}`).toBe(400);
          expect(bodies[i]!.error!.fields).toHaveProperty('properties.k');
        } else {
          expect(response.status, `call ${i}`).toBe(200);
          expect(bodies[i]!.status).toBe('stored');
        }
      }
    }
    const [events] = await t.database.db
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select count(*) as n from events where name = 'viewed'`);
    expect(Number(events!.n)).toBe(42);
  });

  it('retries the innocent submissions alone when one breaks the shared statement', async () => {
    // Validation refuses NUL at the door; this reaches the group commit directly, as a bug elsewhere might.
    const groupCommit = new EventGroupCommit(t.database.db);
    const event = (i: number, properties: Record<string, unknown>) => ({
      contact: { identities: { email: `direct${i}@example.com` } },
      name: 'direct',
      properties,
      occurredAt: new Date(),
      messageId: `direct-${i}`,
      source: 'api' as const,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        groupCommit.submit(acme.id, event(i, i === 5 ? { k: 'a\u0000b' } : { i })),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    expect(outcomes[5]!.status).toBe('rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'stored')).toHaveLength(11);
  });
});
