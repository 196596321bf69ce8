import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import {
  addBusinessMinutes,
  saveTeam as saveTeamIn,
  touchPresence,
  updateAgent,
  type BusinessHours,
} from '@switchboard/inbox';
import { receiveInboundChat } from '@switchboard/messaging';
import type { ConversationSummary, InboxTeamView } from '@switchboard/inbox';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { em, acme, globex, agent, marketer, admin, analyst, textUs, contact, list, open } =
  await startInboxHarness('inbox-teams');

/** A one-hour window six hours from now (UTC), every day: whenever the test runs, it is closed now. */
function closedNow(): BusinessHours {
  const hour = (new Date().getUTCHours() + 6) % 24;
  const from = Math.min(hour, 22);
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return { timeZone: 'UTC', days: [0, 1, 2, 3, 4, 5, 6], from: pad(from), to: pad(from + 1) };
}

const saveTeam = (input: Record<string, unknown>) =>
  admin.mutate<InboxTeamView>('inbox.saveTeam', {
    channels: [],
    memberIds: [],
    businessHours: null,
    ...input,
  });
const problem = async (response: Promise<{ status: number; body: unknown }>) => {
  const { status, body } = await response;
  return { status, text: JSON.stringify(body) };
};

async function wechat(id: string, text: string) {
  await receiveInboundChat(em(), {
    providerMessageId: randomUUID(),
    from: { id, name: id },
    text,
    receivedAt: new Date(),
  });
  return (await list(agent, 'all')).find((c) => c.contact.address === id)!;
}

describe('inbox teams', () => {
  it('routes each channel to its team’s queue, assigns in turn among its members only, and counts its service levels in its own business hours', async () => {
    const hours = closedNow();
    await admin.mutate('inbox.saveSettings', {
      autoAssign: true,
      reassignWhenOffline: false,
      slaFirstResponseMinutes: 60,
      businessHours: null,
    });
    const china = await saveTeam({
      name: 'China desk',
      channels: ['wechat'],
      memberIds: [acme.users.agent.id],
      businessHours: hours,
    });
    expect(china.status).toBe(200);
    const chinaTeam = china.body.result!.data;
    expect(chinaTeam).toMatchObject({ channels: ['wechat'], members: [{ id: acme.users.agent.id }] });
    const phones = (
      await saveTeam({ name: 'Phone support', channels: ['sms'], memberIds: [acme.users.marketer.id] })
    ).body.result!.data;

    // Refused, each naming the field and what to do; nothing saved.
    const refusals = [
      [{ name: 'china DESK' }, 'There is already a team called “China desk”'],
      [{ name: 'Night shift', channels: ['wechat'] }, 'WeChat conversations already go to “China desk”'],
      [{ name: 'Outsiders', memberIds: [globex.users.agent.id] }, 'Not a member of this workspace'],
      [{ name: 'Late', businessHours: { ...hours, from: '18:00', to: '09:00' } }, 'closing time'],
      [{ name: 'Nul\u0000team' }, 'name'],
      [{ name: '   ' }, 'Give the team a name'],
    ] as const;
    for (const [input, says] of refusals) {
      const { status, text } = await problem(saveTeam(input));
      expect(status, JSON.stringify(input)).toBe(400);
      expect(text).toContain(says);
    }
    expect(
      (
        await problem(
          marketer.mutate('inbox.saveTeam', {
            name: 'Mine',
            channels: [],
            memberIds: [],
            businessHours: null,
          }),
        )
      ).status,
    ).toBe(403);
    expect((await agent.query<InboxTeamView[]>('inbox.teams')).body.result!.data.map((t) => t.name)).toEqual([
      'China desk',
      'Phone support',
    ]);

    // Both online and taking work; the marketer has waited longest, yet WeChat goes to the China desk's agent.
    for (const user of [acme.users.agent.id, acme.users.marketer.id]) {
      await touchPresence(em(), acme.id, user);
      await updateAgent(em(), acme.id, user, { available: true, capacity: 10 });
    }
    await sql(em(), `update inbox_agents set last_assigned_at = now() where user_id = ?`, [
      acme.users.agent.id,
    ]);
    const chat = await wechat('wxid_team_1', '你好，我的订单到哪了？');
    expect(chat).toMatchObject({
      team: { id: chinaTeam.id, name: 'China desk' },
      assignee: { id: acme.users.agent.id },
    });
    const phone = '+12125550141';
    await contact(acme.id, { phone });
    await textUs(phone, 'Where is my parcel?');
    const [text] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    expect(text).toMatchObject({ team: { id: phones.id }, assignee: { id: acme.users.marketer.id } });

    // The China desk counts in its own hours (closed now: the hour starts later); SMS in the workspace's (none).
    const chatDue = Date.parse(chat.sla!.dueAt);
    expect(chatDue).toBe(addBusinessMinutes(new Date(chat.createdAt), 60, hours).getTime());
    expect(chatDue - Date.now()).toBeGreaterThan(4 * 3_600_000);
    expect(Date.parse(text!.sla!.dueAt) - Date.parse(text!.createdAt)).toBe(3_600_000);

    // Moved to the China desk: its deadline follows the team's hours; the history says who moved it.
    const moved = await agent.mutate<ConversationSummary>('inbox.setTeam', {
      conversationId: text!.id,
      teamId: chinaTeam.id,
    });
    expect(moved.body.result!.data.team?.name).toBe('China desk');
    expect(Date.parse(moved.body.result!.data.sla!.dueAt)).toBeGreaterThan(Date.now() + 4 * 3_600_000);
    const history = (await open(agent, text!.id))!.entries.filter((e) => e.kind === 'activity');
    expect(history.at(-1)).toMatchObject({
      author: { id: acme.users.agent.id },
      detail: { action: 'team', to: 'China desk' },
    });
    // An unassigned conversation moved to a team goes to its next member in turn.
    await updateAgent(em(), acme.id, acme.users.marketer.id, { available: false });
    const waiting = '+12125550142';
    await contact(acme.id, { phone: waiting });
    await textUs(waiting, 'Anyone there?');
    const [queued] = (await list(agent, 'all')).filter((c) => c.contact.address === waiting);
    expect(queued?.assignee).toBeNull();
    const taken = await agent.mutate<ConversationSummary>('inbox.setTeam', {
      conversationId: queued!.id,
      teamId: chinaTeam.id,
    });
    expect(taken.body.result!.data.assignee?.id).toBe(acme.users.agent.id);
    // Another workspace's team, or none at all.
    const theirs = await saveTeamIn(em(), globex.id, {
      name: 'Globex desk',
      channels: [],
      memberIds: [],
      businessHours: null,
    });
    for (const teamId of [theirs.id, randomUUID()])
      expect(
        (await problem(agent.mutate('inbox.setTeam', { conversationId: queued!.id, teamId }))).text,
      ).toContain('Choose one of this workspace’s teams');

    // The queue of a team, and of no team.
    const inChina = (
      await agent.query<{ items: ConversationSummary[] }>('inbox.list', { view: 'all', team: chinaTeam.id })
    ).body.result!.data.items;
    expect(inChina.map((c) => c.id).sort()).toEqual([chat.id, text!.id, queued!.id].sort());
    const noTeam = (
      await agent.query<{ items: ConversationSummary[] }>('inbox.list', { view: 'all', team: null })
    ).body.result!.data.items;
    expect(noTeam.every((c) => c.team === null)).toBe(true);

    // The report has a row per team, in each team's hours.
    const today = new Date().toISOString().slice(0, 10);
    const report = (
      await analyst.query<{ teams: { team: { name: string } | null; opened: number }[] }>('inbox.report', {
        from: today,
        to: today,
      })
    ).body.result!.data;
    expect(report.teams.find((t) => t.team?.name === 'China desk')?.opened).toBe(3);
    expect(report.teams.find((t) => t.team?.name === 'Phone support')?.opened ?? 0).toBe(0);

    // A deleted team's conversations stay, in no team.
    expect((await admin.mutate('inbox.deleteTeam', { id: chinaTeam.id })).status).toBe(200);
    expect((await open(agent, chat.id))!.conversation.team).toBeNull();
    expect((await admin.mutate('inbox.deleteTeam', { id: chinaTeam.id })).status).toBe(404);

    // A conversation of no team that starts over (resolved, then the contact writes) is routed like a new one.
    const chatDesk = (
      await saveTeam({ name: 'Chat', channels: ['wechat'], memberIds: [acme.users.agent.id] })
    ).body.result!.data;
    await agent.mutate('inbox.status', { conversationId: chat.id, status: 'resolved' });
    expect((await wechat('wxid_team_1', '还有一个问题')).team?.id).toBe(chatDesk.id);
  });
});
