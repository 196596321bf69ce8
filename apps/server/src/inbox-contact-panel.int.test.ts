import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from '@switchboard/contacts';
import type { JourneyView } from '@switchboard/journeys';
import { startInboxHarness } from './testing/inbox-harness.ts';

const { em, acme, agent, marketer, stranger, textUs, contact, campaignMessage, list, open } =
  await startInboxHarness('inbox-contact-panel');

const position = { x: 0, y: 0 };
const data = <T>(res: { status: number; body: { result?: { data: T } } }) => {
  if (!res.body.result) throw new Error(`expected data, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.result.data;
};

describe('beside the conversation', () => {
  it('shows what last wrote to the contact, and enrols them in a journey, hands them to sales and changes consent from there, each kept in the history', async () => {
    const phone = '+12125550171';
    const contactId = await contact(acme.id, { phone, first_name: 'Noa' });
    const { campaignId, messageId } = await campaignMessage(contactId, 'sms', phone, 'Autumn SMS');
    await sql(
      em(),
      `insert into message_events (workspace_id, message_id, kind, machine, occurred_at)
       values (?, ?, 'clicked', false, now())`,
      [acme.id, messageId],
    );
    await textUs(phone, 'Can someone call me?');
    const [row] = (await list(agent, 'all')).filter((c) => c.contact.id === contactId);

    const sends = data(
      await agent.query<{ kind: string; id: string; name: string; clicked: boolean }[]>('inbox.recentSends', {
        contactId,
      }),
    );
    expect(sends).toEqual([
      expect.objectContaining({ kind: 'campaign', id: campaignId, name: 'Autumn SMS', clicked: true }),
    ]);
    expect((await stranger.query('inbox.recentSends', { contactId })).status).toBe(404);

    // A live journey (made by a marketer); the agent enrols the contact from the inbox, once.
    const journey = data(
      await marketer.mutate<JourneyView>('journeys.create', { name: 'Call-back follow-up' }),
    );
    data(
      await marketer.mutate('journeys.saveDraft', {
        id: journey.id,
        draft: {
          ...journey.draft,
          nodes: [
            { id: 'in', type: 'trigger', position, config: { kind: 'manual' }, next: { next: 'tag' } },
            {
              id: 'tag',
              type: 'update',
              position,
              config: { kind: 'addTag', tag: 'called-back' },
              next: { next: 'end' },
            },
            { id: 'end', type: 'exit', position, config: {}, next: {} },
          ],
        },
      }),
    );
    data(await marketer.mutate('journeys.publish', { id: journey.id }));
    const enrolled = data(
      await agent.mutate<{ enrolled: boolean; journey: string }>('inbox.enrol', {
        conversationId: row!.id,
        journeyId: journey.id,
      }),
    );
    expect(enrolled).toEqual({ enrolled: true, journey: 'Call-back follow-up' });
    const [instance] = await sql<{ status: string }>(
      em(),
      'select status from journey_instances where journey_id = ? and contact_id = ?',
      [journey.id, contactId],
    );
    expect(instance).toBeDefined();
    expect(
      (await agent.mutate('inbox.enrol', { conversationId: row!.id, journeyId: randomUUID() })).status,
    ).toBe(404);

    // Hand-off with no owner rule: owners and admins are asked; with an owner, the owner is told.
    const noRule = data(await agent.mutate<{ result: string }>('inbox.handOff', { conversationId: row!.id }));
    expect(noRule.result).toBe('no_rule');
    const [asked] = await sql<{ n: number }>(
      em(),
      `select count(*)::int as n from notifications where workspace_id = ? and kind = 'contact_handed_off'
         and body like ?`,
      [acme.id, '%from the inbox%'],
    );
    expect(asked!.n).toBeGreaterThanOrEqual(2);
    await sql(em(), 'update contacts set owner_id = ? where id = ?', [acme.users.marketer.id, contactId]);
    const told = data(
      await agent.mutate<{ result: string; owner: string }>('inbox.handOff', { conversationId: row!.id }),
    );
    expect(told).toMatchObject({ result: 'owner_notified', owner: expect.any(String) });
    expect((await stranger.mutate('inbox.handOff', { conversationId: row!.id })).status).toBe(404);

    // Consent from the panel: recorded as a change made in the app, by whom.
    data(await agent.mutate('contacts.setConsent', { id: contactId, channel: 'sms', status: 'opted_out' }));
    const blocked = await open(agent, row!.id);
    expect(blocked?.replyBlocked).toBeTruthy();

    const history = (await open(agent, row!.id))!.entries
      .filter((e) => e.kind === 'activity')
      .map((e) => e.detail);
    expect(history).toEqual(
      expect.arrayContaining([
        { action: 'enrolled', journey: 'Call-back follow-up', admitted: true },
        { action: 'handed_off', result: 'no_rule' },
        expect.objectContaining({ action: 'handed_off', result: 'owner_notified' }),
      ]),
    );
  });
});
