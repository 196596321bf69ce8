import { describe, expect, it } from 'vitest';
import { eventTypeLabel, groupEventTypes } from './webhook-event-groups.ts';

describe('webhook event groups', () => {
  it('groups types by their prefix, in order, leaving out empty groups', () => {
    expect(groupEventTypes(['contact.created', 'message.sent', 'conversion', 'message.clicked'])).toEqual([
      { group: 'message', types: ['message.sent', 'message.clicked'] },
      { group: 'contact', types: ['contact.created'] },
      { group: 'conversion', types: ['conversion'] },
    ]);
  });

  it('names known types and shows unknown ones as sent', () => {
    expect(eventTypeLabel('message.clicked')).toBe('Link clicked');
    expect(eventTypeLabel('deal.won')).toBe('deal.won');
  });
});
