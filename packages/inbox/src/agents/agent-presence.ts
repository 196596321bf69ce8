import type { EntityManager } from '@switchboard/db';
import { validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { ONLINE_WINDOW_SECONDS } from '../assignment/round-robin.ts';
import { announce, appendEntry } from '../conversations/conversation-feed.ts';
import { loadInboxSettings } from '../settings/inbox-settings.ts';

/** An agent's stream is open: they are online for the next minute. */
export async function touchPresence(em: EntityManager, workspaceId: string, userId: string): Promise<void> {
  await sql(
    em,
    `insert into inbox_agents (workspace_id, user_id, last_seen_at) values (?, ?, now())
     on conflict (workspace_id, user_id) do update set last_seen_at = now()`,
    [workspaceId, userId],
  );
}

export interface AgentState {
  userId: string;
  name: string;
  role: string;
  available: boolean;
  capacity: number;
  online: boolean;
  open: number;
}

/** Everyone who answers conversations, with availability, capacity, presence and current load. */
export async function agentStates(em: EntityManager, workspaceId: string): Promise<AgentState[]> {
  const rows = await sql<{
    id: string;
    name: string;
    role: string;
    available: boolean | null;
    capacity: number | null;
    online: boolean;
    open: string;
  }>(
    em,
    `select u.id, u.name, mb.role, a.available, a.capacity,
       coalesce(a.last_seen_at > now() - make_interval(secs => ?), false) as online,
       (select count(*) from conversations c where c.workspace_id = mb.workspace_id and c.assignee_id = u.id
          and c.status in ('open', 'pending')) as open
     from memberships mb join users u on u.id = mb.user_id
     left join inbox_agents a on a.workspace_id = mb.workspace_id and a.user_id = mb.user_id
     where mb.workspace_id = ? and mb.role in ('owner', 'admin', 'marketer', 'agent')
     order by u.name`,
    [ONLINE_WINDOW_SECONDS, workspaceId],
  );
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    role: r.role,
    available: r.available ?? true,
    capacity: r.capacity ?? 10,
    online: r.online,
    open: Number(r.open),
  }));
}

/** An agent's own switch (taking no new conversations) or an admin's capacity setting. */
export async function updateAgent(
  em: EntityManager,
  workspaceId: string,
  userId: string,
  change: { available?: boolean | undefined; capacity?: number | undefined },
): Promise<void> {
  if (
    change.capacity !== undefined &&
    (!Number.isInteger(change.capacity) || change.capacity < 0 || change.capacity > 500)
  )
    throw validationError('capacity', 'Capacity is a whole number of conversations from 0 to 500');
  await sql(
    em,
    `insert into inbox_agents (workspace_id, user_id, available, capacity) values (?, ?, coalesce(?, true), coalesce(?, 10))
     on conflict (workspace_id, user_id) do update set
       available = coalesce(?, inbox_agents.available), capacity = coalesce(?, inbox_agents.capacity)`,
    [
      workspaceId,
      userId,
      change.available ?? null,
      change.capacity ?? null,
      change.available ?? null,
      change.capacity ?? null,
    ],
  );
}

/**
 * An agent's last stream closed: if no stream of theirs (on any server) has beaten since, and the workspace wants
 * it, their open and pending conversations go back to the unassigned queue, each saying why.
 */
export async function releaseOfflineAgent(
  em: EntityManager,
  workspaceId: string,
  userId: string,
): Promise<number> {
  return em.transactional(async (tx) => {
    const settings = await loadInboxSettings(tx, workspaceId);
    if (!settings.reassignWhenOffline) return 0;
    // Gone, and this absence not handled yet (by this server's timer or the worker's sweep).
    const [gone] = await sql(
      tx,
      `select 1 from inbox_agents where workspace_id = ? and user_id = ?
         and (last_seen_at is null or last_seen_at <= now() - make_interval(secs => ?))
         and (offline_handled_at is null or offline_handled_at < last_seen_at) for update`,
      [workspaceId, userId, ONLINE_WINDOW_SECONDS],
    );
    if (!gone) return 0;
    await sql(
      tx,
      'update inbox_agents set offline_handled_at = now() where workspace_id = ? and user_id = ?',
      [workspaceId, userId],
    );
    const released = await sql<{ id: string }>(
      tx,
      `update conversations set assignee_id = null, updated_at = now()
       where workspace_id = ? and assignee_id = ? and status in ('open', 'pending') returning id`,
      [workspaceId, userId],
    );
    for (const { id } of released) {
      const entry = await appendEntry(tx, {
        workspaceId,
        conversationId: id,
        kind: 'activity',
        detail: { action: 'unassigned', from: userId, reason: 'offline' },
      });
      await announce(tx, workspaceId, id, 'conversation.updated', [entry]);
    }
    return released.length;
  });
}

/**
 * The fallback when the server that held an agent's last stream died before its timer ran: every agent who went
 * offline (seen once, then silent past the online window) and whose absence nobody handled yet is released, in
 * workspaces that want it. Conversations assigned to them after that stay theirs.
 */
export async function releaseAgentsGoneOffline(em: EntityManager): Promise<number> {
  const gone = await sql<{ workspace_id: string; user_id: string }>(
    em,
    `select a.workspace_id, a.user_id from inbox_agents a
     join inbox_settings s on s.workspace_id = a.workspace_id and s.reassign_when_offline
     where a.last_seen_at is not null and a.last_seen_at <= now() - make_interval(secs => ?)
       and (a.offline_handled_at is null or a.offline_handled_at < a.last_seen_at)
     limit 500`,
    [ONLINE_WINDOW_SECONDS],
  );
  let released = 0;
  for (const agent of gone) released += await releaseOfflineAgent(em, agent.workspace_id, agent.user_id);
  return released;
}
