import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Membership, User, Workspace } from '@switchboard/db';
import { setUserLocale } from '@switchboard/accounts';
import { identifyContact, ingestEvents, sql } from '@switchboard/contacts';
import { createAudienceRefreshActivities } from '@switchboard/audience';
import {
  saveAssignmentRule,
  saveScoringRule,
  scoreReasons,
  setLifecycleThresholds,
} from '@switchboard/scoring';
import { currentCursor } from '@switchboard/segments';
import { createSmtpEmailSender, transactionalMailer } from '@switchboard/channels';
import { startSmtpCatcher } from '@switchboard/sandbox';
import { useTestDatabase } from '@switchboard/testkit';

const { db } = await useTestDatabase();
const actor = { type: 'cli' as const, id: null, label: 'test' };
const smtp = await startSmtpCatcher({ port: 0 });
const email = createSmtpEmailSender({
  url: `smtp://127.0.0.1:${smtp.port}`,
  poolSize: 1,
  from: 'sb@test.local',
});
afterAll(async () => {
  email.close();
  await smtp.stop();
});
const refresh = createAudienceRefreshActivities({
  db,
  mailer: transactionalMailer(email),
  publicUrl: 'https://app.example.com',
  log: () => undefined,
});

const em = db.fork();
const workspace = em.create(Workspace, { id: randomUUID(), slug: 'scoring', name: 'Scoring' });
const member = (name: string) => {
  const user = em.create(User, {
    id: randomUUID(),
    email: `${name.toLowerCase()}@scoring.test`,
    name,
    passwordHash: 'x',
  });
  em.create(Membership, { id: randomUUID(), workspace: workspace.id, user: user.id, role: 'marketer' });
  return user;
};
const [eva, sam, tom] = [member('Eva'), member('Sam'), member('Tom')];
await em.flush();
const ws = workspace.id;
await sql(
  db.fork(),
  `insert into attribute_definitions (id, workspace_id, key, type, label, created_at)
   values (?, ?, 'region', 'text', 'Region', now()), (?, ?, 'plan', 'text', 'Plan', now())`,
  [randomUUID(), ws, randomUUID(), ws],
);

const contact = (emailAddress: string, attributes: Record<string, string> = {}) =>
  identifyContact(db.fork(), ws, {
    identities: { email: emailAddress },
    profile: { firstName: emailAddress.split('@')[0]! },
    attributes,
    at: new Date(),
    actor,
  }).then((r) => r.contact.id);
const track = (emailAddress: string, name: string, daysAgo = 0) =>
  ingestEvents(db.fork(), ws, [
    {
      contact: { identities: { email: emailAddress } },
      name,
      properties: {},
      occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
      source: 'api',
    },
  ]);
const row = async (id: string) =>
  (
    await sql<{ lead_score: number; lifecycle_stage: string; owner_id: string | null }>(
      db.fork(),
      'select lead_score, lifecycle_stage, owner_id from contacts where id = ?',
      [id],
    )
  )[0]!;

describe('lead scoring and hand-off', () => {
  it('scores events and conditions, advances to MQL at the threshold, assigns an owner and tells them why', async () => {
    await saveScoringRule(
      db.fork(),
      ws,
      { kind: 'event', name: 'Demo request', eventName: 'demo_requested', points: 40 },
      actor,
    );
    await saveScoringRule(
      db.fork(),
      ws,
      { kind: 'event', name: 'Page views', eventName: 'page_viewed', points: 4, halfLifeDays: 7 },
      actor,
    );
    await saveScoringRule(
      db.fork(),
      ws,
      {
        kind: 'condition',
        name: 'Enterprise plan',
        condition: {
          kind: 'group',
          match: 'all',
          conditions: [{ kind: 'attribute', key: 'plan', op: 'eq', value: 'enterprise' }],
        },
        points: 20,
      },
      actor,
    );
    await setLifecycleThresholds(db.fork(), ws, { mql: 50, sql: 100 }, actor);
    await saveAssignmentRule(
      db.fork(),
      ws,
      { name: 'EU leads', stage: 'mql', attributeKey: 'region', attributeValue: 'EU', userIds: [eva.id] },
      actor,
    );
    await saveAssignmentRule(
      db.fork(),
      ws,
      { name: 'Everyone else', stage: 'mql', userIds: [sam.id, tom.id] },
      actor,
    );

    // Sam reads Switchboard in Chinese: his notification and its email are written in it.
    await setUserLocale(db.fork(), sam.id, 'zh-CN');
    const since = await currentCursor(db.fork());
    const ann = await contact('ann@lead.test', { region: 'eu', plan: 'enterprise' });
    const bob = await contact('bob@lead.test');
    const cy = await contact('cy@lead.test');
    await track('ann@lead.test', 'demo_requested');
    await track('ann@lead.test', 'page_viewed', 14); // 4 points halved twice: 1
    for (const who of ['bob@lead.test', 'cy@lead.test']) {
      await track(who, 'demo_requested');
      for (let i = 0; i < 3; i++) await track(who, 'page_viewed');
    }
    const result = await refresh.refreshAudience({ since, recomputeAll: false });
    expect(result.handOffs).toBe(3);

    expect(await row(ann)).toEqual({ lead_score: 61, lifecycle_stage: 'mql', owner_id: eva.id });
    expect(await row(bob)).toMatchObject({ lead_score: 52, lifecycle_stage: 'mql' });
    const owners = [(await row(bob)).owner_id, (await row(cy)).owner_id].sort();
    expect(owners).toEqual([sam.id, tom.id].sort());

    const timeline = await sql<{ name: string; properties: { reason: string } }>(
      db.fork(),
      `select name, properties from events where contact_id = ? and source = 'scoring' order by id`,
      [ann],
    );
    expect(timeline.map((e) => e.name)).toEqual(['lifecycle_changed', 'owner_assigned']);
    expect(timeline[1]!.properties.reason).toBe(
      'Lead score 61 reached the MQL threshold of 50; assigned to Eva by the rule "EU leads"',
    );
    const [notification] = await sql<{ title: string; link: string }>(
      db.fork(),
      'select title, link from notifications where user_id = ?',
      [eva.id],
    );
    expect(notification).toEqual({ title: 'New lead for you: ann', link: `/contacts/${ann}` });
    const mail = smtp.list().find((m) => m.to.includes('eva@scoring.test'));
    expect(mail?.subject).toBe('New lead for you: ann');
    const [samsLead] = await sql<{ title: string; body: string }>(
      db.fork(),
      'select title, body from notifications where user_id = ?',
      [sam.id],
    );
    expect(samsLead!.title).toMatch(/^新线索分配给您：(bob|cy)$/);
    expect(samsLead!.body).toMatch(
      /^线索评分 52 达到营销合格线索（MQL）门槛 50；按规则“Everyone else”分配给 Sam/,
    );
    const samsMail = smtp.list().find((m) => m.to.includes('sam@scoring.test'));
    expect(samsMail?.subject).toBe(samsLead!.title);
    expect(samsMail?.text).toContain('在 Switchboard 中打开');

    // The card explains 61 exactly: what each rule gave, and what fading left of the page view's 4 points.
    const reasons = await scoreReasons(db.fork(), ws, ann);
    expect(reasons).toEqual([
      {
        kind: 'event',
        rule: 'Demo request',
        eventName: 'demo_requested',
        times: 1,
        each: 40,
        halfLifeDays: null,
        points: 40,
      },
      {
        kind: 'event',
        rule: 'Page views',
        eventName: 'page_viewed',
        times: 1,
        each: 4,
        halfLifeDays: 7,
        points: 1,
      },
      { kind: 'condition', rule: 'Enterprise plan', points: 20 },
    ]);
    expect(reasons.reduce((sum, r) => sum + r.points, 0)).toBe(61);
  });

  it('never moves a contact back and refuses thresholds out of funnel order', async () => {
    await expect(setLifecycleThresholds(db.fork(), ws, { mql: 80, sql: 60 }, actor)).rejects.toThrow(
      /higher than MQL/,
    );
    const dee = await contact('dee@lead.test');
    await sql(db.fork(), `update contacts set lifecycle_stage = 'customer' where id = ?`, [dee]);
    const since = await currentCursor(db.fork());
    await track('dee@lead.test', 'demo_requested');
    await track('dee@lead.test', 'demo_requested');
    await refresh.refreshAudience({ since, recomputeAll: false });
    expect(await row(dee)).toMatchObject({ lead_score: 80, lifecycle_stage: 'customer' });
  });

  it('moves events that raced a merge to the survivor, and drops those that raced an erasure, in the next pass', async () => {
    const survivor = await contact('survivor@lead.test');
    const [absorbed, erased] = [randomUUID(), randomUUID()];
    await sql(
      db.fork(),
      `insert into contact_redirects ("from", workspace_id, "to", created_at) values (?, ?, ?, now()), (?, ?, null, now())`,
      [absorbed, ws, survivor, erased, ws],
    );
    await sql(
      db.fork(),
      `insert into events (workspace_id, contact_id, name, source, occurred_at, received_at)
       values (?, ?, 'raced', 'api', now(), now()), (?, ?, 'raced', 'api', now(), now())`,
      [ws, absorbed, ws, erased],
    );
    await refresh.refreshAudience({ since: await currentCursor(db.fork()), recomputeAll: false });
    const raced = await sql<{ contact_id: string }>(
      db.fork(),
      `select contact_id from events where workspace_id = ? and name = 'raced'`,
      [ws],
    );
    expect(raced.map((e) => e.contact_id)).toEqual([survivor]);
  });

  it('sends an owed hand-off email on a later pass when the send failed or the pass crashed before it', async () => {
    // What a pass that committed a hand-off and then crashed (or whose SMTP relay was down) leaves behind.
    const [owed] = await sql<{ id: string }>(
      db.fork(),
      `insert into notifications (workspace_id, user_id, kind, title, body, link, created_at, email_status)
       values (?, ?, 'contact_assigned', 'New lead for you: Zoe', 'Reached MQL', '/contacts/x', now(), 'pending')
       returning id`,
      [ws, sam.id],
    );
    let relayDown = true;
    const flaky = createAudienceRefreshActivities({
      db,
      mailer: {
        sendTransactional: (message) =>
          relayDown
            ? Promise.reject(new Error('connection refused'))
            : transactionalMailer(email).sendTransactional(message),
      },
      publicUrl: 'https://app.example.com',
      log: () => undefined,
    });
    const since = await currentCursor(db.fork());
    const status = async () =>
      (
        await sql<{ email_status: string; email_attempts: number }>(
          db.fork(),
          'select email_status, email_attempts from notifications where id = ?',
          [owed!.id],
        )
      )[0];
    await flaky.refreshAudience({ since, recomputeAll: false });
    expect(await status()).toEqual({ email_status: 'pending', email_attempts: 1 });
    relayDown = false;
    await flaky.refreshAudience({ since, recomputeAll: false });
    await flaky.refreshAudience({ since, recomputeAll: false });
    expect(await status()).toEqual({ email_status: 'sent', email_attempts: 1 });
    const mails = smtp.list().filter((m) => m.subject === 'New lead for you: Zoe');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toContain('sam@scoring.test');
  });
});
