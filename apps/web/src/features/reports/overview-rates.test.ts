import { describe, expect, it } from 'vitest';
import { overviewRates, pointsChange } from './overview-rates.ts';

const counts = {
  sent: 200,
  delivered: 190,
  bounced: 10,
  humanOpens: 50,
  machineOpens: 30,
  uniqueClicks: 20,
  clicks: 35,
  replied: 4,
  unsubscribed: 2,
  complained: 0,
};

describe('overview rates', () => {
  it('are shares of the messages sent', () => {
    expect(overviewRates(counts)).toEqual({
      delivery: 0.95,
      open: 0.25,
      click: 0.1,
      reply: 0.02,
      unsubscribe: 0.01,
      bounce: 0.05,
      complaint: 0,
    });
  });
  it('are unknown when nothing was sent, and so is their change', () => {
    const none = overviewRates({ ...counts, sent: 0 });
    expect(none.open).toBeNull();
    expect(pointsChange(none.open, 0.2)).toBeNull();
    expect(pointsChange(0.25, 0.2)).toBeCloseTo(5, 12);
  });
});
