import { describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import {
  releaseAgentsGoneOffline,
  releaseOfflineAgent,
  touchPresence,
  updateAgent,
} from '@switchboard/inbox';
import type { ConversationSummary, InboxEventRow } from '@switchboard/inbox';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { otherServer, em, acme, agent, marketer, admin, stranger, textUs, contact, until, list, agentStream } =
  await startInboxHarness('inbox-live-feed');

describe('the shared inbox: live feed and assignment', () => {
  it('reaches every agent on every server within a second, resumes after a reconnect without gaps or repeats, and never crosses workspaces', async () => {
    const phone = '+12125550103';
    await contact(acme.id, { phone, first_name: 'Zoe' });
    const mine = agentStream(agent);
    const theirs = agentStream(stranger);
    const abort = new AbortController();
    const onOtherServer: InboxEventRow[] = [];
    const otherDone = (async () => {
      for await (const item of otherServer.stream(acme.id, null, abort.signal))
        if (item.type === 'event' && item.event.kind !== 'entry.updated') onOtherServer.push(item.event);
    })();
    await new Promise((r) => setTimeout(r, 300));

    const started = Date.now();
    await textUs(phone, 'First');
    await until(() => (mine.events.length && onOtherServer.length ? true : undefined), 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(mine.events[0]).toMatchObject({ kind: 'conversation.created', workspaceId: acme.id });
    expect(onOtherServer[0]?.id).toBe(mine.events[0]?.id);

    // The agent's connection drops; three messages arrive meanwhile; the browser reconnects with its last id.
    mine.close();
    const lastSeen = mine.ids.at(-1)!;
    for (const text of ['Second', 'Third', 'Fourth']) await textUs(phone, text);
    const resumed = agentStream(agent, lastSeen);
    await until(() => (onOtherServer.length >= 4 && resumed.events.length >= 3 ? true : undefined), 5000);
    await textUs(phone, 'Fifth');
    await until(() => (resumed.events.length >= 4 ? true : undefined), 5000);
    const ids = resumed.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(onOtherServer.slice(1).map((e) => e.id));
    const previews = resumed.events.map(
      (e) => (e.payload as { conversation: ConversationSummary }).conversation.preview,
    );
    expect(previews).toEqual(['Second', 'Third', 'Fourth', 'Fifth']);

    // Another workspace's agent saw none of it.
    expect(theirs.events).toEqual([]);
    expect((await stranger.query('inbox.conversation', { id: mine.events[0]!.conversationId })).status).toBe(
      404,
    );
    resumed.close();
    theirs.close();
    abort.abort();
    await otherDone;
  });

  it('assigns new conversations in turn to online, available agents under their capacity', async () => {
    await sql(em(), 'update conversations set status = ? where workspace_id = ?', ['resolved', acme.id]);
    await sql(em(), 'update inbox_agents set last_seen_at = null where workspace_id = ?', [acme.id]);
    await touchPresence(em(), acme.id, acme.users.agent.id);
    await touchPresence(em(), acme.id, acme.users.marketer.id);
    await updateAgent(em(), acme.id, acme.users.agent.id, { capacity: 1, available: true });
    await updateAgent(em(), acme.id, acme.users.marketer.id, { capacity: 10, available: true });
    for (const n of [1, 2, 3]) {
      const phone = `+1212555020${n}`;
      await contact(acme.id, { phone });
      await textUs(phone, `Question ${n}`);
    }
    const assigned = (await list(agent)).map((c) => c.assignee?.id);
    expect(assigned.filter((id) => id === acme.users.agent.id)).toHaveLength(1);
    expect(assigned.filter((id) => id === acme.users.marketer.id)).toHaveLength(2);
    // Unavailable: nothing more for the marketer, and the full agent gets none either: it waits unassigned.
    await updateAgent(em(), acme.id, acme.users.marketer.id, { available: false });
    await contact(acme.id, { phone: '+12125550299' });
    await textUs('+12125550299', 'Anyone?');
    const waiting = (await list(agent, 'unassigned')).find((c) => c.contact.address === '+12125550299');
    expect(waiting?.assignee).toBeNull();
    // Gone offline with "reassign when offline" on: the marketer's conversations go back to the queue.
    await sql(em(), 'update inbox_agents set last_seen_at = null where workspace_id = ?', [acme.id]);
    expect(await releaseOfflineAgent(em(), acme.id, acme.users.marketer.id)).toBe(0);
    // Only owners and admins decide how the team's work is assigned.
    expect(
      (await marketer.mutate('inbox.saveSettings', { autoAssign: true, reassignWhenOffline: true })).status,
    ).toBe(403);
    expect(
      (await admin.mutate('inbox.saveSettings', { autoAssign: true, reassignWhenOffline: true })).status,
    ).toBe(200);
    expect(await releaseOfflineAgent(em(), acme.id, acme.users.marketer.id)).toBe(2);
    expect((await list(agent)).filter((c) => c.assignee?.id === acme.users.marketer.id)).toEqual([]);

    // The server holding the agent's stream died before its timer ran: the worker's minute sweep hands the work
    // back, once per absence; what is assigned to them afterwards stays theirs.
    const [first, second] = (await list(agent, 'unassigned')).slice(0, 2);
    for (const c of [first!, second!])
      await admin.mutate('inbox.assign', { conversationId: c.id, assigneeId: acme.users.agent.id });
    await sql(
      em(),
      `update inbox_agents set last_seen_at = now() - interval '2 minutes', offline_handled_at = null
       where workspace_id = ? and user_id = ?`,
      [acme.id, acme.users.agent.id],
    );
    const theirs = (await list(agent, 'all')).filter((c) => c.assignee?.id === acme.users.agent.id);
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    expect(await releaseAgentsGoneOffline(em())).toBe(theirs.length);
    await admin.mutate('inbox.assign', { conversationId: first!.id, assigneeId: acme.users.agent.id });
    expect(await releaseAgentsGoneOffline(em())).toBe(0);
    expect((await list(agent, 'all')).find((c) => c.id === first!.id)?.assignee?.id).toBe(
      acme.users.agent.id,
    );
    await admin.mutate('inbox.saveSettings', { autoAssign: true, reassignWhenOffline: false });
  });
});
