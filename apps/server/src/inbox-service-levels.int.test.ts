import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { receiveInboundChat } from '@switchboard/messaging';
import { passSlaCheckpoint, SlaTimerScheduler } from '@switchboard/inbox';
import type { ConversationSummary } from '@switchboard/inbox';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { t, peers, em, acme, agent, analyst, admin, textUs, contact, until, list, open } =
  await startInboxHarness('inbox-service-levels');

describe('the shared inbox: service levels, satisfaction and the report', () => {
  it('keeps service-level deadlines with durable timers: a warning before, the breach mark at the deadline, cleared by the answer but still counted', async () => {
    const settings = {
      autoAssign: false,
      reassignWhenOffline: false,
      slaFirstResponseMinutes: 1,
      slaNextResponseMinutes: 30,
      slaResolutionMinutes: 24 * 60,
      businessHours: null,
      csatEnabled: true,
    };
    const bad = await admin.mutate('inbox.saveSettings', {
      ...settings,
      businessHours: { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5], from: '18:00', to: '09:00' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('closing time must be after the opening time');
    expect((await admin.mutate('inbox.saveSettings', settings)).status).toBe(200);

    const phone = '+12125550105';
    await contact(acme.id, { phone });
    const before = Date.now();
    await textUs(phone, 'Urgent question');
    const [row] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    expect(row?.sla?.kind).toBe('first_response');
    const due = Date.parse(row!.sla!.dueAt);
    expect(due - before).toBeGreaterThan(55_000);
    expect(due - before).toBeLessThan(65_000);

    // The worker's scheduler starts one timer workflow for the new deadline (as often as it is woken).
    const scheduler = new SlaTimerScheduler({
      db: t.database.db,
      databaseUrl: t.database.url,
      temporal: t.temporal,
      taskQueue: 'unused-sla-timers',
      log: () => undefined,
    });
    expect(await scheduler.schedulePass()).toBeGreaterThanOrEqual(1);
    expect(await scheduler.schedulePass()).toBe(0);
    const timer = await t.temporal.workflow.getHandle(`conversation-sla-${row!.id}-${due}`).describe();
    expect(timer.type).toBe('conversationSlaWorkflow');

    // The timer's checkpoints, at their times: a warning, then the breach (once).
    const checkpoint = { workspaceId: acme.id, conversationId: row!.id, dueAt: row!.sla!.dueAt };
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'warning' })).toBe(true);
    expect((await open(agent, row!.id))?.conversation.sla?.warned).toBe(true);
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'breach' })).toBe(true);
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'breach' })).toBe(false);
    const breached = await open(agent, row!.id);
    expect(breached?.conversation).toMatchObject({ breaches: 1, sla: { kind: 'first_response' } });
    expect(breached?.conversation.sla?.breachedAt).not.toBeNull();
    expect(breached?.entries.at(-1)?.detail).toEqual({ action: 'sla_breached', kind: 'first_response' });

    await agent.mutate('inbox.reply', { conversationId: row!.id, text: 'Here now', clientId: randomUUID() });
    const answered = await open(agent, row!.id);
    expect(answered?.conversation).toMatchObject({
      breaches: 1,
      sla: { kind: 'resolution', breachedAt: null },
    });
    // The old deadline's timer, firing late, changes nothing.
    expect(await passSlaCheckpoint(em(), { ...checkpoint, stage: 'breach' })).toBe(false);
    await admin.mutate('inbox.saveSettings', {
      ...settings,
      autoAssign: true,
      slaFirstResponseMinutes: null,
      slaNextResponseMinutes: null,
      slaResolutionMinutes: null,
    });
  });
  it('asks how we did after resolving: a link by SMS (the first answer counts, older links go stale), a reply of 1–5 on WeChat', async () => {
    const phone = '+12125550106';
    await contact(acme.id, { phone });
    await textUs(phone, 'Thanks for the help earlier');
    const [sms] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
    const resolved = await agent.mutate<ConversationSummary>('inbox.status', {
      conversationId: sms!.id,
      status: 'resolved',
    });
    expect(resolved.body.result?.data.csat).toMatchObject({ score: null });
    const survey = await until(() => peers.sms.find((m) => m.to === phone && m.body.includes('/rate/')));
    expect(survey.body).toMatch(
      /How did we do\? Tap to rate us from 1 to 5: http:\/\/switchboard\.test\/rate\//,
    );
    const path = new URL(/(http\S+)/.exec(survey.body)![1]!).pathname;
    const page = await t.app.request(path);
    expect(page.status).toBe(200);
    expect((await page.text()).match(/name="score"/g)).toHaveLength(5);
    const rate = (score: string) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ score }),
      });
    expect((await rate('9')).status).toBe(400);
    expect(await (await rate('4')).text()).toContain('Your rating was saved');
    expect(await (await rate('1')).text()).toContain('you rated this conversation 4 out of 5');
    expect((await open(agent, sms!.id))?.conversation.csat).toMatchObject({ score: 4 });
    expect((await t.app.request(`${path.slice(0, -3)}xyz`)).status).toBe(404);

    // Reopened and resolved again: asked again; the first link is stale.
    await textUs(phone, 'One more question');
    await agent.mutate('inbox.status', { conversationId: sms!.id, status: 'resolved' });
    await until(() =>
      peers.sms.filter((m) => m.to === phone && m.body.includes('/rate/')).length === 2 ? true : undefined,
    );
    expect((await rate('5')).status).toBe(410);

    await receiveInboundChat(em(), {
      providerMessageId: 'wx-stranger-again',
      from: { id: 'wxid_stranger', name: 'Lei' },
      text: '谢谢',
      receivedAt: new Date(),
    });
    const [chat] = (await list(agent, 'all')).filter((c) => c.channel === 'wechat');
    await agent.mutate('inbox.status', { conversationId: chat!.id, status: 'resolved' });
    const asked = await open(agent, chat!.id);
    expect(asked?.entries.at(-1)?.body).toContain('Reply with a number from 1 (poor) to 5 (great)');
    await receiveInboundChat(em(), {
      providerMessageId: 'wx-stranger-rating',
      from: { id: 'wxid_stranger', name: 'Lei' },
      text: '５',
      receivedAt: new Date(),
    });
    const rated = await open(agent, chat!.id);
    expect(rated?.conversation).toMatchObject({ status: 'resolved', csat: { score: 5 } });
    expect(rated?.entries.at(-1)?.detail).toEqual({ action: 'csat', score: 5, via: 'reply' });
  });
  it('reports the day per agent and in total: volumes, response and resolution times, missed service levels, satisfaction', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // Two more answered today, so the response times have a spread.
    for (const phone of ['+12125550131', '+12125550132']) {
      await contact(acme.id, { phone });
      await textUs(phone, 'A quick question');
      const [row] = (await list(agent, 'all')).filter((c) => c.contact.address === phone);
      await agent.mutate('inbox.reply', {
        conversationId: row!.id,
        text: 'Happy to help',
        clientId: randomUUID(),
      });
    }
    const report = await analyst.query<{
      agents: { agent: { id: string } | null; resolved: number; firstResponseMinutes: { count: number } }[];
      total: {
        opened: number;
        resolved: number;
        slaBreaches: number;
        firstResponseMinutes: { median: number | null; p90: number | null; count: number };
        csat: { average: number | null; count: number; distribution: number[] };
      };
    }>('inbox.report', { from: today, to: today });
    expect(report.status).toBe(200);
    const { total, agents } = report.body.result!.data;
    // This file's: the SLA one, for CSAT an SMS one (opened, reopened) and a WeChat one, and the two above.
    expect(total.opened).toBe(6);
    expect(total.resolved).toBeGreaterThanOrEqual(3);
    expect(total.slaBreaches).toBe(1);
    expect(total.csat).toMatchObject({ average: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
    expect(total.firstResponseMinutes.count).toBeGreaterThanOrEqual(3);
    expect(total.firstResponseMinutes.p90!).toBeGreaterThanOrEqual(total.firstResponseMinutes.median!);
    // Resolutions are credited to who resolved: the agent did all of them.
    expect(agents.find((a) => a.agent?.id === acme.users.agent.id)?.resolved).toBe(total.resolved);
    const bad = await analyst.query('inbox.report', { from: today, to: '2020-01-01' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('The last day must not be before the first');
  });
});
