import { describe, expect, it } from 'vitest';
import { emptyForm, emptyVariant, fromCampaign, toCampaignInput } from './campaign-form-model.ts';

describe('campaign form', () => {
  it('sends a plain campaign with one variant and no test', () => {
    const form = {
      ...emptyForm(),
      name: 'News',
      segmentId: 's1',
      variants: [emptyVariant('A', 't1'), emptyVariant('B', 't2')],
    };
    expect(toCampaignInput(form)).toMatchObject({
      variants: [{ key: 'A', templateId: 't1' }],
      abTest: null,
      schedule: { mode: 'now' },
    });
  });

  it('keeps one template for a subject test and sends each variant’s subject', () => {
    const form = {
      ...emptyForm(),
      abEnabled: true,
      variants: [
        { ...emptyVariant('A', 't1'), subject: 'One' },
        { ...emptyVariant('B', 't2'), subject: 'Two' },
      ],
    };
    const input = toCampaignInput(form);
    expect(input.variants).toEqual([
      { key: 'A', templateId: 't1', subject: 'One' },
      { key: 'B', templateId: 't1', subject: 'Two' },
    ]);
    expect(input.abTest).toEqual({ field: 'subject', testShare: 0.2, windowMinutes: 240, metric: 'opens' });
  });

  it('round-trips a stored campaign with a local-time schedule', () => {
    const form = fromCampaign({
      name: 'Morning',
      channel: 'sms',
      segmentId: 's',
      topic: 'news',
      variants: [{ key: 'A', templateId: 't' }],
      abTest: null,
      schedule: { mode: 'localTime', date: '2026-12-01', time: '08:30' },
      recurrence: '0 8 * * 1',
    });
    expect(toCampaignInput(form).recurrence).toBe('0 8 * * 1');
    expect(toCampaignInput(form).schedule).toEqual({ mode: 'localTime', date: '2026-12-01', time: '08:30' });
  });
});
