import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@switchboard/db';
import { ApiKeyCache, noteApiKeyRevoked } from './api-key-cache.ts';

/** Just enough of an EntityManager for authenticateApiKey: one row per known key, counting the queries. */
function fakeDatabase(rows: Record<string, boolean>) {
  const state = { queries: 0, revoked: new Set<string>() };
  const em = {
    getConnection: () => ({
      execute: async () => {
        state.queries++;
        const live = Object.entries(rows).filter(([id]) => !state.revoked.has(id));
        return live.length
          ? [
              {
                id: live[0]![0],
                name: 'crm',
                scopes: ['events:write'],
                last_used_at: new Date(),
                workspace_id: 'w',
                slug: 'acme',
                workspace_name: 'Acme',
              },
            ]
          : [];
      },
    }),
  } as unknown as EntityManager;
  return { em, state };
}

const KEY = 'sb_live_' + 'k'.repeat(43);

describe('ApiKeyCache', () => {
  it('asks the database once per TTL, then again', async () => {
    let now = 0;
    const cache = new ApiKeyCache({ ttlMs: 2_000, now: () => now });
    const { em, state } = fakeDatabase({ key1: true });
    expect((await cache.authenticate(() => em, KEY))?.keyId).toBe('key1');
    await cache.authenticate(() => em, KEY);
    now = 1_999;
    await cache.authenticate(() => em, KEY);
    expect(state.queries).toBe(1);
    now = 2_001;
    await cache.authenticate(() => em, KEY);
    expect(state.queries).toBe(2);
  });

  it('forgets every key as soon as one is revoked in this process', async () => {
    const cache = new ApiKeyCache({ now: () => 0 });
    const { em, state } = fakeDatabase({ key1: true });
    await cache.authenticate(() => em, KEY);
    state.revoked.add('key1');
    noteApiKeyRevoked();
    expect(await cache.authenticate(() => em, KEY)).toBeNull();
    expect(state.queries).toBe(2);
  });

  it('never remembers unknown keys', async () => {
    const cache = new ApiKeyCache();
    const { em, state } = fakeDatabase({});
    expect(await cache.authenticate(() => em, KEY)).toBeNull();
    expect(await cache.authenticate(() => em, KEY)).toBeNull();
    expect(state.queries).toBe(2);
  });
});
