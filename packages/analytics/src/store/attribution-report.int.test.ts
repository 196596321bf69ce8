import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, useTestDatabase } from '@switchboard/testkit';
import { eraseContact, InputError, sql, type ContactRow } from '@switchboard/contacts';
import { attributionReport } from './attribution-report.ts';
import { listConversionDefinitions, saveConversionDefinition } from './conversion-definitions.ts';
import { channelOverview } from './channel-overview.ts';
import { clickedThenConverted } from './funnel-conversions.ts';
import { setFixedCost } from './fixed-costs.ts';

const database = await useTestDatabase();
const em = () => database.db.fork();
let workspaceId = '';
const journeyId = randomUUID();
const people = { ana: '', ben: '', cy: '', dee: '' };
const period = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

async function contact(name: string) {
  const id = randomUUID();
  await sql(
    em(),
    `insert into contacts (id, workspace_id, email, first_name, attributes, tags, created_at, updated_at)
     values (?, ?, ?, ?, '{}'::jsonb, '{}', now(), now())`,
    [id, workspaceId, `${name}@example.org`, name],
  );
  return id;
}

/** A ledger row as the send path leaves it, and its engagement events. */
async function message(
  contactId: string,
  channel: 'email' | 'sms',
  sentAt: string,
  status: string,
  source: { kind: 'journey' | 'api'; node?: string },
  events: { kind: string; at: string; machine?: boolean }[] = [],
) {
  const id = randomUUID();
  await sql(
    em(),
    `insert into messages (id, workspace_id, contact_id, idempotency_key, source_kind, source_id, journey_node, channel,
       purpose, content, status, created_at, sent_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'marketing', '{}'::jsonb, ?, ?, ?, ?)`,
    [
      id,
      workspaceId,
      contactId,
      `test:${id}`,
      source.kind,
      source.kind === 'journey' ? journeyId : null,
      source.node ?? null,
      channel,
      status,
      sentAt,
      sentAt,
      sentAt,
    ],
  );
  for (const event of events)
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at) values (?, ?, ?, ?, ?)`,
      [workspaceId, id, event.kind, event.machine ?? false, event.at],
    );
}

async function purchase(contactId: string, at: string, revenue: number, properties: object = {}) {
  await sql(
    em(),
    `insert into events (workspace_id, contact_id, name, properties, revenue, currency, source, message_id, occurred_at, received_at)
     values (?, ?, 'purchase', ?::jsonb, ?, 'USD', 'api', ?, ?, now())`,
    [workspaceId, contactId, JSON.stringify(properties), revenue, randomUUID(), at],
  );
}

beforeAll(async () => {
  workspaceId = await createTestWorkspace(database.db);
  await sql(
    em(),
    `insert into journeys (id, workspace_id, name, status, draft, created_at, updated_at)
     values (?, ?, 'Welcome', 'live', '{}'::jsonb, now(), now())`,
    [journeyId, workspaceId],
  );
  for (const name of Object.keys(people) as (keyof typeof people)[]) people[name] = await contact(name);
  // Ana: the journey's email (opened by her, and by a mail scanner), a bounced email, an SMS; then she buys.
  await message(people.ana, 'email', '2026-11-10T09:00:00Z', 'opened', { kind: 'journey', node: 'email' }, [
    { kind: 'opened', at: '2026-11-10T12:00:00Z' },
    { kind: 'opened', at: '2026-11-10T09:00:05Z', machine: true },
  ]);
  await message(people.ana, 'email', '2026-11-11T09:00:00Z', 'bounced', { kind: 'api' });
  await message(people.ana, 'sms', '2026-11-12T09:00:00Z', 'delivered', { kind: 'api' });
  await purchase(people.ana, '2026-11-13T09:00:00Z', 100, { total: 90 });
  // Ben gets the email and does not buy.
  await message(people.ben, 'email', '2026-11-05T09:00:00Z', 'sent', { kind: 'journey', node: 'email' });
  // Cy buys untouched; Dee's only touch is older than the 30-day window.
  await purchase(people.cy, '2026-11-20T09:00:00Z', 40);
  await message(people.dee, 'sms', '2026-10-01T09:00:00Z', 'delivered', { kind: 'api' });
  await purchase(people.dee, '2026-11-15T09:00:00Z', 60);
}, 60_000);

describe('attribution over the ledger and the event store', () => {
  it('builds paths from deliveries, human opens and replies in the window; untouched conversions are direct', async () => {
    const definition = await saveConversionDefinition(em(), workspaceId, {
      name: 'Purchase',
      kind: 'event',
      eventName: 'purchase',
    });
    const report = await attributionReport(em(), workspaceId, definition, { ...period, by: 'channel' });
    expect(report).toMatchObject({ conversions: 3, direct: 2, convertedValue: 200, unconvertedPaths: 1 });
    // Ana's path: email delivered, email opened (the scanner's open and the bounce do not count), SMS delivered.
    expect(report.models.first).toEqual({ email: 100, sms: 0, direct: 100 });
    expect(report.models.last).toEqual({ email: 0, sms: 100, direct: 100 });
    expect(report.models.linear!.email).toBeCloseTo(200 / 3, 9);
    expect(report.models.linear!.sms).toBeCloseTo(100 / 3, 9);
    for (const credits of Object.values(report.models))
      expect(Object.values(credits).reduce((a, b) => a + b, 0)).toBeCloseTo(200, 9);
    expect(report.labels).toMatchObject({ email: 'email', sms: 'sms', direct: 'Direct' });
    expect(report.topPaths).toEqual([
      { keys: ['direct'], conversions: 2, value: 100 },
      { keys: ['email', 'email', 'sms'], conversions: 1, value: 100 },
    ]);
    // Costs at the default prices (USD, like the definition): three emails sent in the period (the bounced one was
    // paid for too) at 0.10 per thousand, Ana's SMS as one segment at 0.0079; Dee's October SMS is outside.
    expect(report.costs.currency).toBe('USD');
    expect(report.costs.comparable).toBe(true);
    expect(report.costs.byKey.email).toBeCloseTo(3 * 0.0001, 9);
    expect(report.costs.byKey.sms).toBeCloseTo(0.0079, 9);
  });

  it('credits journey steps by name, takes the value from a property, and counts only the touch kinds chosen', async () => {
    const definition = await saveConversionDefinition(em(), workspaceId, {
      name: 'Order total, deliveries only',
      kind: 'event',
      eventName: 'purchase',
      valueProperty: 'total',
      touchKinds: ['delivered'],
    });
    const report = await attributionReport(em(), workspaceId, definition, { ...period, by: 'step' });
    // Only Ana's purchase has a numeric `total`; Cy's and Dee's are worth 0 by this definition.
    expect(report.convertedValue).toBe(90);
    const key = `journey:${journeyId}:email`;
    expect(report.models.linear).toEqual({ [key]: 45, api: 45, direct: 0 });
    expect(report.labels[key]).toBe('Welcome › email');
  });

  it('refuses definitions that cannot work, naming the field', async () => {
    const refusal = (input: Parameters<typeof saveConversionDefinition>[2]) =>
      saveConversionDefinition(em(), workspaceId, input).then(
        () => ({}),
        (error: unknown) => (error instanceof InputError ? error.fields : { unexpected: String(error) }),
      );
    expect(await refusal({ name: 'No event', kind: 'event' })).toEqual({
      eventName: 'is required for an event conversion',
    });
    expect(await refusal({ name: 'Bad\u0000name', kind: 'deal_won', currency: 'euro' })).toEqual({
      name: 'must not contain NUL characters (\\u0000)',
      currency: 'must be a three-letter ISO 4217 code such as USD',
    });
    expect(await refusal({ name: 'Purchase', kind: 'deal_won' })).toEqual({
      name: 'another conversion is already named "Purchase"',
    });
    expect(await refusal({ name: 'Joined', kind: 'segment_entry', segmentId: randomUUID() })).toEqual({
      segmentId: 'is not a segment of this workspace',
    });
    expect((await listConversionDefinitions(em(), workspaceId)).map((d) => d.name)).toEqual([
      'Purchase',
      'Order total, deliveries only',
    ]);
  });

  it('the channel overview counts the period’s messages per channel beside the period before', async () => {
    const overview = await channelOverview(em(), workspaceId, period);
    // Nobody clicked in this data, so nobody clicked and then bought.
    expect(
      await clickedThenConverted(em(), workspaceId, period, {
        eventName: 'purchase',
        segmentId: null,
        lookbackDays: 30,
      }),
    ).toBe(0);
    expect(overview.previous).toEqual({ from: '2026-10-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    // Three emails: one bounced, so two delivered; Ana's open by a person counts once (the scanner's open on the
    // same message is not a machine-only open).
    expect(overview.channels.email!.current).toMatchObject({
      sent: 3,
      bounced: 1,
      delivered: 2,
      humanOpens: 1,
      machineOpens: 0,
      uniqueClicks: 0,
    });
    expect(overview.channels.sms!.current).toMatchObject({ sent: 1, delivered: 1 });
    expect(overview.channels.all!.current.sent).toBe(4);
    // Dee's SMS of 1 October is before the previous period (2 – 31 October).
    expect(overview.channels.all!.previous.sent).toBe(0);
    expect(overview.series).toHaveLength(30);
    // Per day sent: Ana's journey email of 10 November was delivered and opened by her.
    expect(overview.series.find((d) => d.day === '2026-11-10')).toEqual({
      day: '2026-11-10',
      sent: 1,
      delivered: 1,
      opened: 1,
      clicked: 0,
    });
    expect(overview.sources).toMatchObject({
      [`journey:${journeyId}`]: { sent: 2, humanOpens: 1 },
      api: { sent: 2 },
    });
    expect(overview.labels[`journey:${journeyId}`]).toBe('Welcome');
    // By week (Monday to Sunday), clipped to the period: 1 Nov (a Sunday), then weeks from 2, 9, 16, 23, 30 Nov.
    const weekly = await channelOverview(em(), workspaceId, period, 'week');
    expect(weekly.series.map((w) => [w.day, w.sent])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 1],
      ['2026-11-09', 3],
      ['2026-11-16', 0],
      ['2026-11-23', 0],
      ['2026-11-30', 0],
    ]);
  });

  it('adds a journey’s fixed cost to its ROI when credited per campaign or journey, and names a bad amount', async () => {
    const [definition] = await listConversionDefinitions(em(), workspaceId);
    await setFixedCost(em(), workspaceId, { source: 'journey', id: journeyId, amount: 12.5 });
    const bySource = await attributionReport(em(), workspaceId, definition!, { ...period, by: 'source' });
    const key = `journey:${journeyId}`;
    expect(bySource.costs.fixedByKey).toEqual({ [key]: 12.5 });
    // Two journey emails at 0.10 per 1,000, plus the fixed cost.
    expect(bySource.costs.byKey[key]).toBeCloseTo(12.5 + 2 * 0.0001, 9);
    const byChannel = await attributionReport(em(), workspaceId, definition!, { ...period, by: 'channel' });
    expect(byChannel.costs.fixedByKey).toEqual({});
    expect(byChannel.costs.byKey.email).toBeCloseTo(3 * 0.0001, 9);

    const refusal = async (input: Parameters<typeof setFixedCost>[2]) =>
      setFixedCost(em(), workspaceId, input).then(
        () => null,
        (error: InputError) => error.fields,
      );
    expect(await refusal({ source: 'journey', id: journeyId, amount: -1 })).toEqual({
      amount: 'must not be negative',
    });
    expect(await refusal({ source: 'campaign', id: journeyId, amount: 5 })).toEqual({
      id: 'is not a campaign of this workspace',
    });
    await setFixedCost(em(), workspaceId, { source: 'journey', id: journeyId, amount: null });
    expect(
      (await attributionReport(em(), workspaceId, definition!, { ...period, by: 'source' })).costs.fixedByKey,
    ).toEqual({});
  });

  it('an erased contact leaves the paths and conversions; their messages stay in the anonymous totals', async () => {
    const eve = await contact('eve');
    await message(eve, 'email', '2026-11-20T09:00:00Z', 'opened', { kind: 'api' }, [
      { kind: 'opened', at: '2026-11-20T10:00:00Z' },
    ]);
    await purchase(eve, '2026-11-21T09:00:00Z', 30);
    const [definition] = await listConversionDefinitions(em(), workspaceId);
    const report = () => attributionReport(em(), workspaceId, definition!, { ...period, by: 'channel' });
    const overview = () => channelOverview(em(), workspaceId, period);
    const [before, overviewBefore] = [await report(), await overview()];
    expect(before.topPaths.some((p) => p.value === 30)).toBe(true);

    const [row] = await sql<ContactRow>(em(), 'select * from contacts where id = ?', [eve]);
    await eraseContact(em(), row!, { type: 'cli', id: null, label: 'test' });
    const [after, overviewAfter] = [await report(), await overview()];
    expect(after.conversions).toBe(before.conversions - 1);
    expect(after.convertedValue).toBe(before.convertedValue - 30);
    expect(after.topPaths.some((p) => p.value === 30)).toBe(false);
    // Her email still counts as sent and opened, by nobody in particular.
    expect(overviewAfter.channels.email!.current).toEqual(overviewBefore.channels.email!.current);
    const [left] = await sql<{ n: number }>(
      em(),
      'select count(*)::int as n from messages where workspace_id = ? and contact_id is null',
      [workspaceId],
    );
    expect(left!.n).toBe(1);
  });
});
