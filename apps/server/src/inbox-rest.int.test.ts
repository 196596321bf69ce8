import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ConversationEntryView, ConversationSummary } from '@switchboard/inbox';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { t, peers, acme, agent, admin, textUs, contact, until, open } = await startInboxHarness('inbox-rest');

describe('the shared inbox from code (REST v1)', () => {
  it('is driven through REST v1 with scoped keys: list with a cursor, read, reply once per Idempotency-Key', async () => {
    const keyWith = async (scopes: string[]) =>
      (await admin.mutate<{ key: string }>('apiKeys.create', { name: 'Helpdesk bot', scopes })).body.result!
        .data.key;
    const key = await keyWith(['conversations:read', 'conversations:reply']);
    const rest = (
      path: string,
      init: { body?: unknown; headers?: Record<string, string>; as?: string } = {},
    ) =>
      t.app.request(`/api/v1${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${init.as ?? key}`,
          'content-type': 'application/json',
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    for (const other of ['+12125550108', '+12125550109']) {
      await contact(acme.id, { phone: other });
      await textUs(other, 'Hello there');
    }
    const phone = '+12125550107';
    await contact(acme.id, { phone });
    await textUs(phone, 'Via the API please');

    const first = (await (await rest('/conversations?limit=2')).json()) as {
      conversations: ConversationSummary[];
      next: string;
    };
    expect(first.conversations).toHaveLength(2);
    const second = (await (
      await rest(`/conversations?limit=2&after=${encodeURIComponent(first.next)}`)
    ).json()) as {
      conversations: ConversationSummary[];
    };
    expect(second.conversations.map((c) => c.id)).not.toContain(first.conversations[0]!.id);
    expect(second.conversations.every((c) => c.lastMessageAt <= first.conversations[1]!.lastMessageAt)).toBe(
      true,
    );
    const unassigned = (await (await rest('/conversations?assignee=none&limit=200')).json()) as {
      conversations: ConversationSummary[];
    };
    expect(unassigned.conversations.every((c) => c.assignee === null)).toBe(true);
    const target = unassigned.conversations.find((c) => c.contact.address === phone)!;

    const read = (await (await rest(`/conversations/${target.id}`)).json()) as {
      messages: ConversationEntryView[];
    };
    expect(read.messages[0]).toMatchObject({ kind: 'inbound', body: 'Via the API please' });

    const reply = (idempotencyKey: string) =>
      rest(`/conversations/${target.id}/replies`, {
        body: { text: 'Answered by the helpdesk' },
        headers: { 'idempotency-key': idempotencyKey },
      });
    expect((await reply('helpdesk-1')).status).toBe(201);
    const replay = await reply('helpdesk-1');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    await until(() => (peers.sms.some((m) => m.to === phone) ? true : undefined));
    expect(peers.sms.filter((m) => m.to === phone && m.body === 'Answered by the helpdesk')).toHaveLength(1);
    const after = (await open(agent, target.id))!;
    expect(after.entries.find((e) => e.kind === 'outbound')?.detail).toEqual({
      via: 'api',
      apiKey: 'Helpdesk bot',
    });

    expect((await rest(`/conversations/${target.id}/replies`, { body: { text: '' } })).status).toBe(400);
    expect((await rest('/conversations?status=bogus')).status).toBe(400);
    expect((await rest(`/conversations/${randomUUID()}`)).status).toBe(404);
    const readOnly = await keyWith(['contacts:read']);
    expect((await rest('/conversations', { as: readOnly })).status).toBe(403);
    const openapi = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/conversations', '/conversations/{id}', '/conversations/{id}/replies']),
    );
  });
});
