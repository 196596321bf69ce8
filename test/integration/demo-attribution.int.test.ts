import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@switchboard/testkit';
import { DEMO, findWorkspaceBySlug } from '@switchboard/accounts';
import { seedDemo } from '@switchboard/audience';
import { seedDemoJourneys } from '@switchboard/journeys';
import { attributionFor, clickMap, funnelFor, overviewFor, seedDemoAnalytics } from '@switchboard/analytics';
import { sql } from '@switchboard/contacts';

const { db } = await useTestDatabase();

/** The whole demo seed, as `npm start` runs it, then its attribution: every model has something plausible to say. */
describe('the demo’s conversions', () => {
  it('purchases follow the demo’s journey and campaign sends, so the models credit email, SMS and direct differently', async () => {
    await seedDemo(db.fork());
    const workspace = (await findWorkspaceBySlug(db.fork(), DEMO.slug))!;
    await seedDemoJourneys(db.fork(), workspace.id);
    const seeded = await seedDemoAnalytics(db.fork(), workspace.id);
    expect(seeded.purchases).toBeGreaterThan(50);
    expect(await seedDemoAnalytics(db.fork(), workspace.id)).toEqual({ purchases: 0 });

    // Every journey step the demo says was sent has exactly one ledger row.
    const [sends] = await sql<{ steps: number; messages: number }>(
      db.fork(),
      `select (select count(*)::int from journey_step_events s join journey_instances i on i.id = s.instance_id
               where i.workspace_id = ? and s.outcome = 'sent') as steps,
              (select count(*)::int from messages where workspace_id = ? and source_kind = 'journey') as messages`,
      [workspace.id, workspace.id],
    );
    expect(sends!.messages).toBe(sends!.steps);

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const report = await attributionFor(db.fork(), workspace.id, {
      from: day(-29),
      to: day(0),
      by: 'channel',
    });
    expect(report.definition.name).toBe('Purchase');
    expect(report.conversions).toBe(seeded.purchases);
    expect(report.direct).toBeGreaterThan(0);
    const { first, last, linear, markov } = report.models;
    const round = (credits: Record<string, number>) =>
      Object.fromEntries(Object.entries(credits).map(([k, v]) => [k, Math.round(v)]));
    console.log(
      `demo attribution: ${report.conversions} purchases (${report.direct} direct), €${Math.round(report.convertedValue)};`,
      Object.entries(report.models)
        .map(([model, credits]) => `${model} ${JSON.stringify(round(credits))}`)
        .join('; '),
    );
    for (const channel of ['email', 'sms', 'direct']) expect(markov![channel], channel).toBeGreaterThan(0);
    // The cart journey's SMS comes after its email: last touch favours SMS more than first touch does.
    expect(last!.sms).toBeGreaterThan(first!.sms!);
    expect(linear!.email).not.toBeCloseTo(markov!.email!, 0);
    for (const credits of Object.values(report.models))
      expect(Object.values(credits).reduce((a, b) => a + b, 0)).toBeCloseTo(report.convertedValue, 6);

    // The demo pays for its messages in euros, like its sales: ROI is comparable, and the sends cost something.
    expect(report.costs).toMatchObject({ currency: 'EUR', comparable: true });
    expect(report.costs.byKey.email).toBeGreaterThan(0);
    expect(report.costs.byKey.sms).toBeGreaterThan(0);

    // The newsletter's click map: both links drawn on the email with their clicks, the button with most.
    const [newsletter] = await sql<{ id: string }>(
      db.fork(),
      `select id from campaigns where workspace_id = ? and name = 'November newsletter'`,
      [workspace.id],
    );
    const map = (await clickMap(db.fork(), workspace.id, { campaignId: newsletter!.id }))!;
    expect(map.links.map((l) => l.url)).toEqual([
      'https://example.com/newsletter/november',
      'https://example.com/stories',
    ]);
    expect(map.links[0]!.share).toBeGreaterThan(0.5);
    expect(map.links[0]!.share + map.links[1]!.share).toBeCloseTo(1, 9);
    expect(map.html).toContain(`data-clicks="${map.links[0]!.clicks}"`);
    expect(map.html).toContain(`data-clicks="${map.links[1]!.clicks}"`);
    expect(map.html).toContain('Hello there');

    // The funnel's last step is a subset of the clicks: clicked, then bought within 30 days.
    const overview = await overviewFor(db.fork(), workspace.id, { from: day(-29), to: day(0) });
    const { clickedThenConverted } = await funnelFor(db.fork(), workspace.id, { from: day(-29), to: day(0) });
    expect(clickedThenConverted).toBeGreaterThan(0);
    expect(clickedThenConverted).toBeLessThanOrEqual(overview.channels.all!.current.uniqueClicks);

    const bySource = await attributionFor(db.fork(), workspace.id, {
      from: day(-29),
      to: day(0),
      by: 'source',
    });
    expect(Object.values(bySource.labels)).toEqual(
      expect.arrayContaining(['November newsletter', 'Abandoned cart recovery', 'Direct']),
    );
  }, 240_000);
});
