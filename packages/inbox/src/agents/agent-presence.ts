import type { EntityManager } from '@switchboard/db';
import { validationError } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { ONLINE_WINDOW_SECONDS } from '../assignment/round-robin.ts';

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

export interface InboxSettingsView {
  autoAssign: boolean;
  reassignWhenOffline: boolean;
}

export async function loadInboxSettings(em: EntityManager, workspaceId: string): Promise<InboxSettingsView> {
  const [row] = await sql<{ auto_assign: boolean; reassign_when_offline: boolean }>(
    em,
    'select auto_assign, reassign_when_offline from inbox_settings where workspace_id = ?',
    [workspaceId],
  );
  return { autoAssign: row?.auto_assign ?? true, reassignWhenOffline: row?.reassign_when_offline ?? false };
}

export async function saveInboxSettings(
  em: EntityManager,
  workspaceId: string,
  settings: InboxSettingsView,
): Promise<void> {
  await sql(
    em,
    `insert into inbox_settings (workspace_id, auto_assign, reassign_when_offline) values (?, ?, ?)
     on conflict (workspace_id) do update set auto_assign = excluded.auto_assign,
       reassign_when_offline = excluded.reassign_when_offline`,
    [workspaceId, settings.autoAssign, settings.reassignWhenOffline],
  );
}
