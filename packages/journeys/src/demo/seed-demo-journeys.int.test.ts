import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import { startJourneyFixture, type JourneyFixture } from '../testing/journey-fixture.ts';
import { instancesNotStarted } from '../engine/enrolment.ts';
import { journeyCounts } from '../store/journey-reports.ts';
import { seedDemoJourneys } from './seed-demo-journeys.ts';

/** The demo's journeys: contacts at various steps, and the ones still inside really run on from where they are. */
let f: JourneyFixture;
beforeAll(async () => {
  f = await startJourneyFixture();
}, 120_000);
afterAll(() => f?.stop());

const HOUR = 3_600_000;

describe('demo journeys', () => {
  it('places contacts at various steps; those inside resume at their step without sending again', async () => {
    const contacts: string[] = [];
    for (let i = 0; i < 16; i++) {
      const id = await f.contact({
        email: `cart${i}@example.com`,
        phone: `+1415555${String(i).padStart(4, '0')}`,
      });
      contacts.push(id);
      // Half abandoned their cart in the last two days (still inside), half earlier (finished).
      const at = new Date(Date.now() - (i % 2 === 0 ? 3 + i : 24 * (5 + i)) * HOUR);
      await sql(
        f.em(),
        `insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
         values (?, ?, 'cart_abandoned', ?::jsonb, 'import', ?, ?)`,
        [
          f.workspaceId,
          id,
          JSON.stringify({ items: [{ sku: 'SB-PRO', name: 'Pro plan', quantity: 1, price: 99 }] }),
          at,
          at,
        ],
      );
    }
    const seeded = await seedDemoJourneys(f.em(), f.workspaceId);
    expect(seeded.journeys).toBe(2);
    expect(await seedDemoJourneys(f.em(), f.workspaceId)).toEqual({ journeys: 0, instances: 0 });

    const [cart] = await sql<{ id: string; status: string }>(
      f.em(),
      `select id, status from journeys where workspace_id = ? and name = 'Abandoned cart recovery'`,
      [f.workspaceId],
    );
    expect(cart!.status).toBe('live');
    const instances = await f.instances(cart!.id);
    expect(instances).toHaveLength(16);
    const active = instances.filter((i) => i.status === 'active');
    expect(active).toHaveLength(8);
    expect(new Set(active.map((i) => i.current_node))).toEqual(new Set(['bought1', 'bought2']));
    expect(instances.filter((i) => i.status !== 'active').map((i) => i.status)).toEqual(
      expect.arrayContaining(['completed', 'converted']),
    );
    const counts = await journeyCounts(f.em(), f.workspaceId, cart!.id, {
      from: new Date(Date.now() - 60 * 86_400_000),
      to: new Date(Date.now() + 60_000),
    });
    expect(counts.steps.email!.reached).toBe(16);
    expect(counts.steps.bought1!.waitingNow + (counts.steps.bought2?.waitingNow ?? 0)).toBe(8);
    expect(counts.totals.converted).toBeGreaterThan(0);

    // The sweep starts their workflows; each resumes at its waiting step (registers its wait, sends nothing).
    const started = await f.temporal.restart(await instancesNotStarted(f.em()));
    expect(started).toBeGreaterThanOrEqual(8);
    await f.until('the resumed cart instances wait for a purchase', async () => {
      const [row] = await sql<{ n: string }>(
        f.em(),
        `select count(*) as n from journey_waits w join journey_instances i on i.id = w.instance_id
         where i.journey_id = ? and w.event_name = 'order_completed'`,
        [cart!.id],
      );
      return Number(row!.n) === 8;
    });
    expect(f.peers.smtp.list(100).filter((m) => m.to.includes('cart'))).toHaveLength(0);

    // A purchase by one of them ends their instance at the journey's goal.
    const buyer = active[0]!;
    await f.track(buyer.contact_id, 'order_completed', { items: [] });
    await f.until('the buyer converts', async () =>
      (await f.instances(cart!.id)).some((i) => i.id === buyer.id && i.status === 'converted'),
    );
  }, 90_000);
});
