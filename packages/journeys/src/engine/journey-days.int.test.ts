import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { DEFAULT_POLICY, localParts, saveMessagingPolicy } from '@switchboard/messaging';
import { recordConsent, sql } from '@switchboard/contacts';
import { startJourneyFixture, type JourneyFixture } from '../testing/journey-fixture.ts';

/**
 * Journeys that last days, on Temporal's time-skipping test server: timers of days pass in moments while every
 * activity runs for real against PostgreSQL, the SMTP catcher and the Twilio peer. With RECORD_JOURNEY_HISTORIES=1
 * the finished workflows' histories are written next to the workflow, for the replay test.
 */
let f: JourneyFixture & { env: NonNullable<Awaited<ReturnType<typeof startJourneyFixture>>['env']> };
beforeAll(async () => {
  const fixture = await startJourneyFixture({ timeSkipping: true });
  f = fixture as typeof f;
  // The gate sees the workflows' clock (the fixture's activity clock); quiet hours are off except in their own test.
  await saveMessagingPolicy(f.em(), f.workspaceId, {
    ...DEFAULT_POLICY,
    quietHours: { start: '00:00', end: '00:00' },
    frequencyCap: { count: 100, days: 1 },
  });
}, 120_000);
afterAll(() => f?.stop());

const record = process.env.RECORD_JOURNEY_HISTORIES === '1';
async function recordHistory(name: string, workflowId: string) {
  if (!record) return;
  const history = await f.client.workflow.getHandle(workflowId).fetchHistory();
  await writeFile(new URL(`../workflows/histories/${name}.json`, import.meta.url), historyToJSON(history));
}

async function instanceOf(journeyId: string, contactId: string) {
  const [row] = await sql<{ id: string; status: string; current_node: string | null; workflow_id: string }>(
    f.em(),
    'select id, status, current_node, workflow_id from journey_instances where journey_id = ? and contact_id = ?',
    [journeyId, contactId],
  );
  return row;
}

const at = (journeyId: string, contactId: string, node: string) =>
  f.until(`${node}`, async () => (await instanceOf(journeyId, contactId))?.current_node === node, 20_000);
const ended = (journeyId: string, contactId: string) =>
  f.until(
    'the end',
    async () => {
      const row = await instanceOf(journeyId, contactId);
      return row && row.status !== 'active' && row;
    },
    20_000,
  );
const mailTo = (address: string) => f.peers.smtp.list(500).filter((m) => m.to.includes(address));
const smsTo = (phone: string) => f.peers.sms.filter((s) => s.to === phone);

describe('multi-day journeys (time-skipping)', () => {
  it('abandoned cart: email, two days without a purchase, SMS, a day more, WeChat skipped when unreachable', async () => {
    const journeyId = await f.recipe('abandonedCart');
    const eva = await f.contact({ email: 'eva@example.org', phone: '+4915112345611', first_name: 'Eva' });
    await recordConsent(f.em(), f.workspaceId, eva, { channel: 'sms', status: 'opted_in', source: 'form' });
    await f.track(eva, 'cart_abandoned', { cart_id: 'E-1', items: [{ name: 'Kettle' }] });
    await at(journeyId, eva, 'bought1');
    expect(mailTo('eva@example.org').map((m) => m.subject)).toEqual(['Your cart E-1']);
    expect(smsTo('+4915112345611')).toHaveLength(0);

    await f.env.sleep('47 hours');
    expect(smsTo('+4915112345611')).toHaveLength(0);
    await f.env.sleep('2 hours');
    await at(journeyId, eva, 'bought2');
    const [text] = smsTo('+4915112345611');
    // A marketing text says how to opt out.
    expect(text?.body).toBe('Hi Eva, cart E-1 is still here\nReply STOP to opt out');

    await f.env.sleep('25 hours');
    const done = await ended(journeyId, eva);
    expect(done.status).toBe('completed');
    const steps = (await f.steps(done.id)).map((s) => `${s.node_id}:${s.outcome}`);
    expect(steps).toEqual([
      'email:reached',
      'email:sent',
      'bought1:reached',
      'bought1:timeout',
      'smsOk:reached',
      'smsOk:yes',
      'sms:reached',
      'sms:sent',
      'bought2:reached',
      'bought2:timeout',
      'wechatOk:reached',
      'wechatOk:no',
      'done:reached',
      'done:completed',
    ]);
    await recordHistory('abandoned-cart-fallback', done.workflow_id);
  }, 60_000);

  it('abandoned cart: a purchase of the cart during the wait ends it as converted, no SMS', async () => {
    const journeyId = await f.recipe('abandonedCart');
    const fay = await f.contact({ email: 'fay@example.org', phone: '+4915112345612', first_name: 'Fay' });
    await f.track(fay, 'cart_abandoned', { cart_id: 'F-1' });
    await at(journeyId, fay, 'bought1');
    await f.env.sleep('1 day');
    await f.track(fay, 'purchase', { cart_id: 'F-1' });
    const done = await ended(journeyId, fay);
    expect(done.status).toBe('converted');
    expect(smsTo('+4915112345612')).toHaveLength(0);
    await recordHistory('abandoned-cart-purchase', done.workflow_id);
  }, 60_000);

  it('welcome series: the second email two days after the first', async () => {
    const journeyId = await f.recipe('welcome');
    const gus = await f.contact({ email: 'gus@example.org', first_name: 'Gus' });
    await f.enrol(journeyId, gus);
    await at(journeyId, gus, 'wait2d');
    expect(mailTo('gus@example.org')).toHaveLength(1);
    await f.env.sleep('2 days');
    const done = await ended(journeyId, gus);
    expect(done.status).toBe('completed');
    expect(mailTo('gus@example.org')).toHaveLength(2);
    await recordHistory('welcome', done.workflow_id);
  }, 60_000);

  it('lead nurturing: points for the download, a click hands the lead to sales', async () => {
    const journeyId = await f.recipe('leadNurturing');
    const hal = await f.contact({ email: 'hal@example.org', first_name: 'Hal' });
    await f.enrol(journeyId, hal);
    await at(journeyId, hal, 'wait');
    await f.env.sleep('1 day');
    await f.track(hal, 'email_clicked', { url: 'https://acme.example/pricing' });
    const done = await ended(journeyId, hal);
    expect(done.status).toBe('completed');
    const steps = (await f.steps(done.id)).map((s) => `${s.node_id}:${s.outcome}`);
    expect(steps).toEqual(expect.arrayContaining(['score:next', 'wait:received', 'handoff:next']));
    const [points] = await sql<{ points: string }>(
      f.em(),
      `select properties->>'points' as points from events where contact_id = ? and name = 'score_adjusted'`,
      [hal],
    );
    expect(points?.points).toBe('10');
    await recordHistory('lead-nurturing', done.workflow_id);
  }, 60_000);

  it('re-engagement: a week without a click tags the contact dormant', async () => {
    const journeyId = await f.recipe('reEngagement');
    const ida = await f.contact({ email: 'ida@example.org', first_name: 'Ida' });
    await f.enrol(journeyId, ida);
    await at(journeyId, ida, 'wait');
    await f.env.sleep('7 days');
    const done = await ended(journeyId, ida);
    const [contact] = await sql<{ tags: string[] }>(f.em(), 'select tags from contacts where id = ?', [ida]);
    expect(contact?.tags).toContain('dormant');
    await recordHistory('re-engagement', done.workflow_id);
  }, 60_000);

  it('post-purchase: thanks now, a review request a week later', async () => {
    const journeyId = await f.recipe('postPurchase');
    const jo = await f.contact({ email: 'jo@example.org', first_name: 'Jo' });
    await f.enrol(journeyId, jo, { order_id: 'J-9' });
    await at(journeyId, jo, 'wait');
    await f.env.sleep('6 days');
    expect(mailTo('jo@example.org')).toHaveLength(1);
    await f.env.sleep('1 day');
    const done = await ended(journeyId, jo);
    expect(mailTo('jo@example.org')).toHaveLength(2);
    await recordHistory('post-purchase', done.workflow_id);
  }, 60_000);

  it('waits until a weekday and time in the contact’s own time zone', async () => {
    const position = { x: 0, y: 0 };
    const journeyId = await f.journey('Monday morning', {
      nodes: [
        { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'monday' } },
        {
          id: 'monday',
          type: 'wait',
          position,
          config: { mode: 'until', at: '09:00', weekdays: [1] },
          next: { next: 'out' },
        },
        { id: 'out', type: 'exit', position, config: {}, next: {} },
      ],
    });
    const kai = await f.contact({ email: 'kai@example.org', timezone: 'Asia/Shanghai' });
    const instanceId = await f.enrol(journeyId, kai);
    await at(journeyId, kai, 'monday');
    const [waiting] = await sql<{ until: string }>(
      f.em(),
      `select detail->>'until' as until from journey_step_events where instance_id = ? and node_id = 'monday'`,
      [instanceId],
    );
    const until = new Date(waiting!.until);
    // Monday 09:00 in Shanghai is Monday 01:00 UTC.
    expect(until.getUTCDay()).toBe(1);
    expect(until.getUTCHours()).toBe(1);
    expect(until.getUTCMinutes()).toBe(0);
    await f.env.sleep('8 days');
    expect((await ended(journeyId, kai)).status).toBe('completed');
  }, 60_000);

  it('quiet hours hold a journey SMS until the morning in the contact’s time zone, then send it', async () => {
    await saveMessagingPolicy(f.em(), f.workspaceId, {
      ...DEFAULT_POLICY,
      quietHours: { start: '21:00', end: '08:00' },
      frequencyCap: { count: 100, days: 1 },
    });
    try {
      // A zone where it is 23:xx now (on the server's skipped clock): the text must wait until 08:00 there.
      const now = new Date(await f.env.currentTimeMs());
      const offset = ((23 - now.getUTCHours() + 36) % 24) - 12;
      const zone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
      expect(localParts(now, zone).hour).toBe(23);

      const position = { x: 0, y: 0 };
      const journeyId = await f.journey('Late text', {
        nodes: [
          { id: 'in', type: 'trigger', position, config: { kind: 'api' }, next: { next: 'text' } },
          {
            id: 'text',
            type: 'send',
            position,
            config: { channel: 'sms', templateId: f.templates.sms, purpose: 'marketing' },
            next: { next: 'out' },
          },
          { id: 'out', type: 'exit', position, config: {}, next: {} },
        ],
      });
      const lea = await f.contact({ phone: '+4915112345699', first_name: 'Lea', timezone: zone });
      await recordConsent(f.em(), f.workspaceId, lea, { channel: 'sms', status: 'opted_in', source: 'form' });
      await f.enrol(journeyId, lea, { cart_id: 'L-1' });
      const message = () =>
        sql<{ status: string; deferred_until: Date | null; sent_at: Date | null }>(
          f.em(),
          `select status, deferred_until, sent_at from messages where contact_id = ? and channel = 'sms'`,
          [lea],
        ).then((rows) => rows[0]);
      const deferred = await f.until('the text is deferred', async () => {
        const row = await message();
        return row?.status === 'deferred' && row;
      });
      const until = new Date(deferred.deferred_until!);
      expect(localParts(until, zone)).toMatchObject({ hour: 8, minute: 0 });
      expect(until.getTime() - now.getTime()).toBeGreaterThan(8 * 3_600_000);
      expect(until.getTime() - now.getTime()).toBeLessThanOrEqual(9 * 3_600_000);
      expect(smsTo('+4915112345699')).toHaveLength(0);

      // Still night at 07:xx there; sent once it is 08:00.
      await f.env.sleep('8 hours');
      expect(smsTo('+4915112345699')).toHaveLength(0);
      await f.env.sleep('1 hour');
      const done = await ended(journeyId, lea);
      expect(done.status).toBe('completed');
      expect(smsTo('+4915112345699').map((s) => s.body)).toEqual([
        'Hi Lea, cart L-1 is still here\nReply STOP to opt out',
      ]);
      const sent = await message();
      expect(sent?.status).toBe('sent');
      expect(localParts(new Date(sent!.sent_at!), zone).hour).toBe(8);
    } finally {
      await saveMessagingPolicy(f.em(), f.workspaceId, {
        ...DEFAULT_POLICY,
        quietHours: { start: '00:00', end: '00:00' },
        frequencyCap: { count: 100, days: 1 },
      });
    }
  }, 60_000);
});
