import { describe, expect, it } from 'vitest';
import { describeEvent, readableValue } from './timeline-sentence.ts';

const event = (name: string, properties: Record<string, unknown> = {}) => ({
  name,
  properties,
  origin: null,
});

describe('describeEvent', () => {
  it('says what happened to a message on each channel, machine opens apart', () => {
    expect(describeEvent(event('email_sent', { messageId: 'm', source: 'campaign', sourceId: 'c' }))).toEqual(
      {
        key: 'timeline.channel.sent',
        params: { channel: 'email' },
        detail: '',
        facts: [],
        messageId: 'm',
      },
    );
    expect(describeEvent(event('email_opened', { machine: true })).key).toBe('timeline.machineOpened');
    // What the contact sent us is not a message of ours to open.
    expect(describeEvent(event('sms_received', { messageId: 'in', body: 'hi' })).messageId).toBeUndefined();
    expect(describeEvent(event('sms_clicked', { url: 'https://x.test/a' })).detail).toBe('https://x.test/a');
  });

  it('turns Switchboard’s own events and shop events into sentences with their values', () => {
    expect(describeEvent(event('lifecycle_changed', { from: 'lead', to: 'mql', reason: 'x' }))).toMatchObject(
      {
        key: 'timeline.lifecycleChanged',
        params: { from: 'lead', to: 'mql' },
      },
    );
    expect(describeEvent(event('segment_entered', { segmentId: 's', segmentName: 'VIPs' })).params).toEqual({
      segment: 'VIPs',
    });
    expect(
      describeEvent(event('cart_abandoned', { items: [{ name: 'Scarf', quantity: 2 }, { name: 'Hat' }] }))
        .params,
    ).toEqual({ items: '2 × Scarf, Hat' });
  });

  it('shows an unknown event by its readable name and its properties as facts, never as JSON', () => {
    const described = describeEvent(
      event('webinar_registered', {
        webinar: 'Spring',
        seats: 2,
        source: 'form',
        meta: { utm_source: 'ad' },
      }),
    );
    expect(described).toEqual({
      key: 'timeline.customEvent',
      params: { event: 'webinar registered' },
      detail: '',
      facts: [
        ['webinar', 'Spring'],
        ['seats', '2'],
        ['meta', 'utm source: ad'],
      ],
    });
    expect(readableValue(null)).toBe('—');
  });
});
