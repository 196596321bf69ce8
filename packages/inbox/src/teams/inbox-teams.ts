import type { EntityManager } from '@switchboard/db';
import { unstorableTextReason } from '@switchboard/db';
import { notFound, validationError } from '@switchboard/accounts';
import { sql, uuidV7 } from '@switchboard/contacts';
import { checkBusinessHours, type BusinessHours } from '../sla/business-time.ts';
import type { ConversationChannel } from '../conversations/conversation-summary.ts';

export interface InboxTeamView {
  id: string;
  name: string;
  /** New conversations on these channels go to this team's queue. */
  channels: ConversationChannel[];
  members: { id: string; name: string }[];
  /** Null: the workspace's business hours. */
  businessHours: BusinessHours | null;
}

export interface InboxTeamInput {
  /** Absent: a new team. */
  id?: string;
  name: string;
  channels: ConversationChannel[];
  memberIds: string[];
  businessHours: BusinessHours | null;
}

const CHANNEL_NAMES: Record<ConversationChannel, string> = { email: 'Email', sms: 'SMS', wechat: 'WeChat' };

interface TeamRow {
  id: string;
  name: string;
  channels: ConversationChannel[];
  business_hours: BusinessHours | null;
  members: { id: string; name: string }[] | null;
}

export async function listTeams(em: EntityManager, workspaceId: string): Promise<InboxTeamView[]> {
  const rows = await sql<TeamRow>(
    em,
    `select t.id, t.name, t.channels, t.business_hours,
       (select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
        from inbox_team_members m join users u on u.id = m.user_id where m.team_id = t.id) as members
     from inbox_teams t where t.workspace_id = ? order by lower(t.name)`,
    [workspaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    channels: r.channels,
    members: r.members ?? [],
    businessHours: r.business_hours,
  }));
}

/** Creates or updates a team, checking every field against the rest of the workspace; all or nothing. */
export async function saveTeam(
  em: EntityManager,
  workspaceId: string,
  input: InboxTeamInput,
): Promise<InboxTeamView> {
  const name = input.name.trim();
  if (!name) throw validationError('name', 'Give the team a name');
  if (name.length > 80) throw validationError('name', 'A team name has at most 80 characters');
  const unstorable = unstorableTextReason(name);
  if (unstorable) throw validationError('name', `The name ${unstorable}`);
  let hours: BusinessHours | null = null;
  try {
    hours = input.businessHours ? checkBusinessHours(input.businessHours) : null;
  } catch (error) {
    throw validationError('businessHours', (error as Error).message);
  }
  const channels = [...new Set(input.channels)];
  const memberIds = [...new Set(input.memberIds)];
  return em.transactional(async (tx) => {
    // One writer of a workspace's teams at a time: the name and channel checks below stay true to commit.
    await sql(tx, `select pg_advisory_xact_lock(hashtextextended('inbox-teams:' || ?, 12))`, [workspaceId]);
    if (input.id) {
      const [existing] = await sql(tx, 'select 1 from inbox_teams where workspace_id = ? and id = ?::uuid', [
        workspaceId,
        input.id,
      ]);
      if (!existing) throw notFound('Team');
    }
    const others = await sql<{ id: string; name: string; channels: ConversationChannel[] }>(
      tx,
      'select id, name, channels from inbox_teams where workspace_id = ? and id is distinct from ?::uuid',
      [workspaceId, input.id ?? null],
    );
    const sameName = others.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (sameName) throw validationError('name', `There is already a team called “${sameName.name}”`);
    for (const channel of channels) {
      const holder = others.find((t) => t.channels.includes(channel));
      if (holder)
        throw validationError(
          'channels',
          `${CHANNEL_NAMES[channel]} conversations already go to “${holder.name}”; take the channel off that team first`,
        );
    }
    if (memberIds.length) {
      const found = await sql<{ user_id: string }>(
        tx,
        `select user_id from memberships where workspace_id = ? and user_id = any(?::uuid[])
           and role in ('owner', 'admin', 'marketer', 'agent')`,
        [workspaceId, `{${memberIds.join(',')}}`],
      );
      const missing = memberIds.filter((id) => !found.some((f) => f.user_id === id));
      if (missing.length)
        throw validationError(
          'memberIds',
          `Not a member of this workspace who answers conversations: ${missing.slice(0, 3).join(', ')}`,
        );
    }
    const id = input.id ?? uuidV7();
    await sql(
      tx,
      `insert into inbox_teams (id, workspace_id, name, channels, business_hours, created_at)
       values (?, ?, ?, ?::text[], ?::jsonb, now())
       on conflict (id) do update set name = excluded.name, channels = excluded.channels,
         business_hours = excluded.business_hours`,
      [id, workspaceId, name, `{${channels.join(',')}}`, hours ? JSON.stringify(hours) : null],
    );
    await sql(tx, 'delete from inbox_team_members where team_id = ?', [id]);
    if (memberIds.length)
      await sql(tx, `insert into inbox_team_members (team_id, user_id) select ?, unnest(?::uuid[])`, [
        id,
        `{${memberIds.join(',')}}`,
      ]);
    const saved = (await listTeams(tx, workspaceId)).find((t) => t.id === id);
    if (!saved) throw notFound('Team');
    return saved;
  });
}

/** Its conversations stay where they are, with no team (the workspace's queue and business hours). */
export async function deleteTeam(em: EntityManager, workspaceId: string, id: string): Promise<void> {
  const [gone] = await sql(
    em,
    'delete from inbox_teams where workspace_id = ? and id = ?::uuid returning id',
    [workspaceId, id],
  );
  if (!gone) throw notFound('Team');
}

/** The team whose queue takes new conversations on `channel`, if any. */
export async function teamForChannel(
  tx: EntityManager,
  workspaceId: string,
  channel: ConversationChannel,
): Promise<string | null> {
  const [row] = await sql<{ id: string }>(
    tx,
    'select id from inbox_teams where workspace_id = ? and ? = any(channels) limit 1',
    [workspaceId, channel],
  );
  return row?.id ?? null;
}
