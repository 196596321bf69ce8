/** The counts the channel overview returns for one channel and period. */
export interface OverviewCounts {
  sent: number;
  delivered: number;
  bounced: number;
  humanOpens: number;
  machineOpens: number;
  uniqueClicks: number;
  clicks: number;
  replied: number;
  unsubscribed: number;
  complained: number;
}

export const RATES = ['delivery', 'open', 'click', 'reply', 'unsubscribe', 'bounce', 'complaint'] as const;
export type Rate = (typeof RATES)[number];

/**
 * Rates over the messages sent (as the campaign report counts them): delivered, opened by a person, clicked by a
 * person, replied, unsubscribed, bounced, complained — each the share of sent messages that did it at least once.
 */
export function overviewRates(c: OverviewCounts): Record<Rate, number | null> {
  const of = (n: number) => (c.sent > 0 ? n / c.sent : null);
  return {
    delivery: of(c.delivered),
    open: of(c.humanOpens),
    click: of(c.uniqueClicks),
    reply: of(c.replied),
    unsubscribe: of(c.unsubscribed),
    bounce: of(c.bounced),
    complaint: of(c.complained),
  };
}

/** A change in percentage points between two rates, or null when either is unknown. */
export function pointsChange(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : (now - before) * 100;
}
