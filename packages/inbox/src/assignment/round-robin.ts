import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';

/** Roles that answer conversations (see `inbox.reply` in @switchboard/accounts). */
export const ANSWERING_ROLES = ['owner', 'admin', 'marketer', 'agent'] as const;

/** How long after their last heartbeat an agent still counts as online (streams beat every 20 s). */
export const ONLINE_WINDOW_SECONDS = 60;

/**
 * The next agent in turn — of the conversation's team when it has one: available, online, under their capacity of
 * open and pending conversations, and assigned longest ago. The chosen agent's row stays locked to commit, so two conversations arriving together go to two
 * agents (or queue behind each other), never both over one agent's capacity.
 */
export async function nextAgentInTurn(
  tx: EntityManager,
  workspaceId: string,
  teamId: string | null = null,
): Promise<string | null> {
  const [agent] = await sql<{ user_id: string }>(
    tx,
    `select a.user_id from inbox_agents a
     join memberships mb on mb.workspace_id = a.workspace_id and mb.user_id = a.user_id
       and mb.role in ('owner', 'admin', 'marketer', 'agent')
     where a.workspace_id = ? and a.available and a.last_seen_at > now() - make_interval(secs => ?)
       and (?::uuid is null or exists (select 1 from inbox_team_members tm where tm.team_id = ?::uuid
                                         and tm.user_id = a.user_id))
       and (select count(*) from conversations c where c.workspace_id = a.workspace_id and c.assignee_id = a.user_id
              and c.status in ('open', 'pending')) < a.capacity
     order by a.last_assigned_at asc nulls first, a.user_id
     limit 1
     for update of a skip locked`,
    [workspaceId, ONLINE_WINDOW_SECONDS, teamId, teamId],
  );
  if (!agent) return null;
  await sql(
    tx,
    'update inbox_agents set last_assigned_at = clock_timestamp() where workspace_id = ? and user_id = ?',
    [workspaceId, agent.user_id],
  );
  return agent.user_id;
}

export async function autoAssignEnabled(tx: EntityManager, workspaceId: string): Promise<boolean> {
  const [row] = await sql<{ auto_assign: boolean }>(
    tx,
    'select auto_assign from inbox_settings where workspace_id = ?',
    [workspaceId],
  );
  return row?.auto_assign ?? true;
}
