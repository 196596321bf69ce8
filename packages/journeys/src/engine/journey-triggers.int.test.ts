import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageToken, recordOpen } from '@switchboard/messaging';
import { sql } from '@switchboard/contacts';
import type { JourneyGraph } from '../definition/journey-graph.ts';
import { EventDispatch } from '../dispatch/dispatch-events.ts';
import { startJourneyFixture, type JourneyFixture } from '../testing/journey-fixture.ts';
import { contactJourneys, journeyCounts } from '../store/journey-reports.ts';

/** Event-triggered journeys end to end: keyed entries, waits answered by events, goals, duplicated triggers. */
let f: JourneyFixture;
beforeAll(async () => {
  f = await startJourneyFixture();
}, 120_000);
afterAll(() => f?.stop());

const position = { x: 0, y: 0 };

/** Abandoned cart, keyed by cart: email with the items, then (no purchase of that cart in time) an SMS. */
function cartJourney(trigger: string, timeoutSeconds: number, extra: Partial<JourneyGraph['settings']> = {}) {
  return {
    settings: {
      reentry: { mode: 'always' as const },
      exitOnLeavingSegment: null,
      goals: [],
      quietPeriodHours: 0,
      ...extra,
    },
    nodes: [
      {
        id: 'start',
        type: 'trigger' as const,
        position,
        config: { kind: 'event' as const, event: trigger, filters: [], key: 'cart_id' },
        next: { next: 'email' },
      },
      {
        id: 'email',
        type: 'send' as const,
        position,
        config: {
          channel: 'email' as const,
          templateId: f.templates.email,
          topic: '',
          purpose: 'transactional' as const,
        },
        next: { next: 'bought' },
      },
      {
        id: 'bought',
        type: 'waitForEvent' as const,
        position,
        config: { event: 'purchase', filters: [], matchTriggerKey: true, timeoutSeconds },
        next: { received: 'done', timeout: 'text' },
      },
      {
        id: 'text',
        type: 'send' as const,
        position,
        config: {
          channel: 'sms' as const,
          templateId: f.templates.sms,
          topic: '',
          purpose: 'transactional' as const,
        },
        next: { next: 'end' },
      },
      { id: 'done', type: 'goal' as const, position, config: {}, next: {} },
      { id: 'end', type: 'exit' as const, position, config: {}, next: {} },
    ],
  };
}

describe('event-triggered journeys on Temporal', () => {
  it('enrols one instance per cart, sends the email with the cart’s items, then the SMS when no purchase comes', async () => {
    const journeyId = await f.journey('Abandoned cart', cartJourney('cart_abandoned', 2));
    const ana = await f.contact({ email: 'ana@example.org', phone: '+4915112345601', first_name: 'Ana' });
    await f.track(ana, 'cart_abandoned', {
      cart_id: 'C-1',
      items: [{ name: 'Blue mug' }, { name: 'Teapot' }],
    });
    // The same cart again while its instance runs, and a cart event without a cart id: no new instance.
    await f.track(ana, 'cart_abandoned', { cart_id: 'C-1', items: [] });
    await f.track(ana, 'cart_abandoned', { items: [] });
    await f.track(ana, 'cart_abandoned', { cart_id: 'C-2', items: [{ name: 'Spoon' }] });

    const mails = await f.until('two cart emails', async () => {
      const caught = f.peers.smtp.list(100).filter((m) => m.to.includes('ana@example.org'));
      return caught.length >= 2 && caught;
    });
    const subjects = mails.map((m) => m.subject).sort();
    expect(subjects).toEqual(['Your cart C-1', 'Your cart C-2']);
    const c1 = mails.find((m) => m.subject === 'Your cart C-1')!;
    expect(c1.html ?? c1.text).toContain('Blue mug; Teapot;');

    const texts = await f.until('two SMS after the wait', async () => {
      const sent = f.peers.sms.filter((s) => s.to === '+4915112345601');
      return sent.length >= 2 && sent;
    });
    expect(texts.map((t) => t.body).sort()).toEqual([
      'Hi Ana, cart C-1 is still here',
      'Hi Ana, cart C-2 is still here',
    ]);
    const instances = await f.until('both instances completed', async () => {
      const rows = await f.instances(journeyId);
      return rows.length === 2 && rows.every((r) => r.status === 'completed') && rows;
    });
    expect(instances.map((i) => i.key).sort()).toHaveLength(2);
    expect((await f.steps(instances[0]!.id)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual([
      'email:reached',
      'email:sent',
      'bought:reached',
      'bought:timeout',
      'text:reached',
      'text:sent',
      'end:reached',
      'end:completed',
    ]);
    // Every send names its journey version and step on the ledger.
    const ledger = await f
      .em()
      .getConnection()
      .execute<{ journey_node: string; source_kind: string }[]>(
        `select journey_node, source_kind from messages where contact_id = ? order by created_at`,
        [ana],
      );
    expect(ledger.map((m) => m.journey_node)).toEqual(
      expect.arrayContaining(['email', 'email', 'text', 'text']),
    );
    expect(new Set(ledger.map((m) => m.source_kind))).toEqual(new Set(['journey']));

    // What the canvas and the contact's page show.
    const counts = await journeyCounts(f.em(), f.workspaceId, journeyId, {
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 1000),
    });
    expect(counts.totals).toMatchObject({ entered: 2, completed: 2, active: 0 });
    expect(counts.steps.email).toMatchObject({ reached: 2, outcomes: { sent: 2 }, waitingNow: 0 });
    expect(counts.steps.bought?.outcomes).toEqual({ timeout: 2 });
    const journeys = await contactJourneys(f.em(), f.workspaceId, ana);
    expect(journeys).toHaveLength(2);
    expect(journeys[0]).toMatchObject({ journeyName: 'Abandoned cart', status: 'completed', version: 1 });
    expect(journeys[0]!.history.map((h) => h.outcome)).toEqual(expect.arrayContaining(['sent', 'timeout']));
  }, 60_000);

  it('takes the received path when the same cart is bought, and ignores another cart’s purchase', async () => {
    const journeyId = await f.journey('Cart with purchase', cartJourney('cart_left', 20));
    const ben = await f.contact({ email: 'ben@example.org', phone: '+4915112345602', first_name: 'Ben' });
    await f.track(ben, 'cart_left', { cart_id: 'B-1', items: [{ name: 'Lamp' }] });
    const [instance] = await f.until('waiting for the purchase', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.current_node === 'bought' && rows;
    });
    await f.track(ben, 'purchase', { cart_id: 'OTHER' });
    await f.track(ben, 'purchase', { cart_id: 'B-1', total: 30 });
    const done = await f.until('converted at the goal', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.status === 'converted' && rows[0];
    });
    expect(done.current_node).toBe('done');
    expect((await f.steps(instance!.id)).map((s) => `${s.node_id}:${s.outcome}`)).toContain(
      'bought:received',
    );
    expect(f.peers.sms.filter((s) => s.to === '+4915112345602')).toHaveLength(0);
  }, 60_000);

  it('ends an instance at a journey-wide goal wherever it is', async () => {
    const journeyId = await f.journey(
      'Cart with a goal',
      cartJourney('basket_abandoned', 60, {
        goals: [
          { kind: 'event', event: 'order_completed', filters: [{ property: 'total', op: 'gt', value: 10 }] },
        ],
      }),
    );
    const cy = await f.contact({ email: 'cy@example.org', first_name: 'Cy' });
    await f.track(cy, 'basket_abandoned', { cart_id: 'Y-1' });
    await f.until('waiting', async () => (await f.instances(journeyId))[0]?.current_node === 'bought');
    await f.track(cy, 'order_completed', { total: 5 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await f.instances(journeyId))[0]?.status).toBe('active');
    await f.track(cy, 'order_completed', { total: 50 });
    const done = await f.until('converted', async () => {
      const [row] = await f.instances(journeyId);
      return row?.status === 'converted' && row;
    });
    expect(done.end_reason).toBe('Reached a goal of the journey');
    expect(done.current_node).toBe('bought');
  }, 60_000);

  it('an event that is both the goal and what the step waits for follows the path to the goal step', async () => {
    const graph = cartJourney('hamper_abandoned', 60, {
      goals: [{ kind: 'event', event: 'purchase', filters: [] }],
    });
    const journeyId = await f.journey('Cart whose purchase is the goal', graph);
    const [eli, fen] = [
      await f.contact({ email: 'eli@example.org', first_name: 'Eli' }),
      await f.contact({ email: 'fen@example.org', first_name: 'Fen' }),
    ];
    await f.track(eli, 'hamper_abandoned', { cart_id: 'E-1' });
    await f.track(fen, 'hamper_abandoned', { cart_id: 'F-1' });
    await f.until('both waiting', async () =>
      (await f.instances(journeyId)).every((i) => i.current_node === 'bought') ? true : undefined,
    );
    // Eli buys the cart the step waits for: the received path, converted on the goal step drawn after it.
    await f.track(eli, 'purchase', { cart_id: 'E-1' });
    // Fen buys something else: not what the step waits for, but still the journey's goal, wherever Fen is.
    await f.track(fen, 'purchase', { cart_id: 'OTHER' });
    const ended = await f.until('both converted', async () => {
      const rows = await f.instances(journeyId);
      return rows.length === 2 && rows.every((r) => r.status === 'converted') && rows;
    });
    const at = Object.fromEntries(ended.map((r) => [r.contact_id, r.current_node]));
    expect(at).toEqual({ [eli]: 'done', [fen]: 'bought' });
  }, 60_000);

  it('a purchase that is the goal, made while the email is still being sent, follows the path to the goal step', async () => {
    const journeyId = await f.journey(
      'Cart bought during the email',
      cartJourney('crate_abandoned', 60, { goals: [{ kind: 'event', event: 'purchase', filters: [] }] }),
    );
    const gus = await f.contact({ email: 'gus@example.org', first_name: 'Gus' });
    // The provider is slow to answer: the instance is still at its email step when the purchase comes.
    const release = f.peers.smtp.stall();
    try {
      await f.track(gus, 'crate_abandoned', { cart_id: 'G-1' });
      await f.until('the email is on its way', async () => {
        const [row] = await sql<{ n: number }>(
          f.em(),
          'select count(*)::int as n from messages where contact_id = ?',
          [gus],
        );
        return row!.n > 0;
      });
      await f.track(gus, 'purchase', { cart_id: 'G-1' });
    } finally {
      release();
    }
    const [done] = await f.until('converted', async () => {
      const rows = await f.instances(journeyId);
      return rows[0]?.status === 'converted' && rows;
    });
    // The wait the purchase arrived ahead of was answered by it: the conversion is on the goal step drawn.
    expect(done!.current_node).toBe('done');
    expect((await f.steps(done!.id)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual(
      expect.arrayContaining(['email:sent', 'bought:received']),
    );
  }, 60_000);

  it('an open of the email one instance sent answers that instance, not the contact’s other cart', async () => {
    const graph = cartJourney('crate_abandoned', 600);
    const wait = graph.nodes.find((n) => n.id === 'bought')!;
    wait.config = { event: 'opened', filters: [], matchTriggerKey: false, timeoutSeconds: 600 };
    const journeyId = await f.journey('Cart waiting for an open', graph);
    const gil = await f.contact({ email: 'gil@example.org', first_name: 'Gil' });
    await f.track(gil, 'crate_abandoned', { cart_id: 'G-1' });
    await f.track(gil, 'crate_abandoned', { cart_id: 'G-2' });
    const waiting = await f.until('both carts wait for an open', async () => {
      const rows = await f.instances(journeyId);
      return rows.length === 2 && rows.every((r) => r.current_node === 'bought') && rows;
    });
    const [first] = await sql<{ id: string }>(
      f.em(),
      `select id from messages where idempotency_key like ? and channel = 'email'`,
      [`journey:${waiting.find((r) => r.key === 'G-1')!.id}:%`],
    );
    // Gil opens the first cart's email: the pixel as a mail client loads it, a minute after it was sent.
    await recordOpen(
      f.em(),
      'journey-test-tracking-secret-'.padEnd(48, 'j'),
      messageToken('journey-test-tracking-secret-'.padEnd(48, 'j'), 'open', first!.id),
      {
        method: 'GET',
        userAgent: 'Mozilla/5.0 (Macintosh) Thunderbird/128.0',
        ip: '203.0.113.9',
        at: new Date(Date.now() + 60_000),
      },
    );
    await f.dispatcher.pass();
    const after = await f.until('the first cart moved on', async () => {
      const rows = await f.instances(journeyId);
      return rows.find((r) => r.key === 'G-1')?.status === 'converted' && rows;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(after.find((r) => r.key === 'G-2')).toMatchObject({ status: 'active', current_node: 'bought' });
    expect((await f.instances(journeyId)).find((r) => r.key === 'G-2')?.status).toBe('active');
    // An open tracked through the API names no message of ours: it answers whoever waits, and breaks nothing.
    await f.track(gil, 'email_opened', { messageId: 'not-a-message' });
    await f.until('the second cart moved on', async () =>
      (await f.instances(journeyId)).every((r) => r.status === 'converted') ? true : undefined,
    );
  }, 60_000);

  it('enrols once when the same trigger event is dispatched twice (a re-read, a second dispatcher)', async () => {
    const journeyId = await f.journey('Cart dispatched twice', cartJourney('trolley_abandoned', 60));
    const di = await f.contact({ email: 'di@example.org', first_name: 'Di' });
    await f.track(di, 'trolley_abandoned', { cart_id: 'D-1' });
    const events = await f.em().getConnection().execute<
      {
        id: string;
        workspace_id: string;
        contact_id: string;
        name: string;
        properties: Record<string, unknown>;
      }[]
    >(`select id, workspace_id, contact_id, name, properties from events where contact_id = ? and name = 'trolley_abandoned'`, [di]);
    const again = events.map((e) => ({ ...e, id: Number(e.id) }));
    await Promise.all([
      new EventDispatch(f.temporal).handle(f.em(), again),
      new EventDispatch(f.temporal).handle(f.em(), again),
    ]);
    await f.until('the email', async () =>
      f.peers.smtp.list(100).some((m) => m.to.includes('di@example.org')),
    );
    expect(await f.instances(journeyId)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(f.peers.smtp.list(100).filter((m) => m.to.includes('di@example.org'))).toHaveLength(1);
  }, 60_000);
});
