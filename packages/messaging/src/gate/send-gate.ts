import { quietHoursEnd, type QuietHours } from './quiet-hours.ts';

/**
 * The one place that decides whether a message may go out now, for every channel. Pure: the facts are loaded by
 * the ledger (in the same transaction that claims the message), so the rules are unit-tested without a database.
 */
export type Channel = 'email' | 'sms' | 'wechat';
export type ConsentState = 'opted_in' | 'opted_out' | 'pending' | 'none';
export type SuppressionReason = 'erasure' | 'unsubscribe' | 'bounce' | 'complaint';

export interface GateFacts {
  channel: Channel;
  purpose: 'marketing' | 'transactional';
  topic: string;
  now: Date;
  hasAddress: boolean;
  doNotContact: boolean;
  /** Consent for the whole channel, and for the message's topic when it has one. */
  channelConsent: ConsentState;
  topicConsent: ConsentState;
  /** Topics only need consent when the workspace asks for explicit opt-in (double opt-in culture, China's PIPL). */
  requireOptIn: boolean;
  suppressions: SuppressionReason[];
  /** Marketing messages handed to a provider for this contact inside the cap's window, on every channel. */
  recentMarketingCount: number;
  frequencyCap: { count: number; days: number };
  quietHours: QuietHours;
  timeZone: string;
  /** Remaining sends allowed today by the sending domain's warm-up ramp; null when not warming up. */
  warmupRemainingToday: number | null;
}

export type GateDecision =
  | { outcome: 'send'; reasons: string[] }
  | { outcome: 'suppress'; rule: string; reasons: string[] }
  | { outcome: 'defer'; rule: string; until: Date; reasons: string[] };

/** Reasons that block even transactional mail, strongest first (the one the decision names). */
const ALWAYS_BLOCKING: readonly SuppressionReason[] = ['erasure', 'complaint', 'bounce'];

function startOfNextUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export function decideSend(facts: GateFacts): GateDecision {
  const suppress = (rule: string, reason: string): GateDecision => ({
    outcome: 'suppress',
    rule,
    reasons: [reason],
  });
  if (!facts.hasAddress) return suppress('no_address', `The contact has no ${facts.channel} address`);

  // Hard bounces, complaints and erasures block even transactional mail: the address is dead or the person objected.
  const blocking = ALWAYS_BLOCKING.find((reason) => facts.suppressions.includes(reason));
  if (blocking)
    return suppress(`suppressed_${blocking}`, `The address is on the suppression list (${blocking})`);
  if (facts.purpose === 'transactional')
    return { outcome: 'send', reasons: ['Transactional: marketing consent and caps do not apply'] };

  if (facts.doNotContact) return suppress('do_not_contact', 'The contact is marked do-not-contact');
  if (facts.suppressions.includes('unsubscribe'))
    return suppress('suppressed_unsubscribe', 'The address unsubscribed from all marketing');
  if (facts.channelConsent === 'opted_out')
    return suppress('consent_channel', `The contact opted out of ${facts.channel}`);
  if (facts.topic && facts.topicConsent === 'opted_out')
    return suppress('consent_topic', `The contact opted out of the topic "${facts.topic}"`);
  if (facts.requireOptIn && facts.channelConsent !== 'opted_in')
    return suppress(
      'consent_missing',
      `No ${facts.channel} opt-in on record (${facts.channelConsent === 'pending' ? 'waiting for confirmation' : 'never asked'})`,
    );

  if (facts.frequencyCap.count > 0 && facts.recentMarketingCount >= facts.frequencyCap.count)
    return suppress(
      'frequency_cap',
      `Already ${facts.recentMarketingCount} marketing messages in ${facts.frequencyCap.days} days (cap ${facts.frequencyCap.count})`,
    );

  // Quiet hours protect phones, not inboxes: an email waits in the inbox, an SMS buzzes at 3 a.m.
  if (facts.channel !== 'email') {
    const until = quietHoursEnd(facts.now, facts.timeZone, facts.quietHours);
    if (until)
      return {
        outcome: 'defer',
        rule: 'quiet_hours',
        until,
        reasons: [
          `Quiet hours ${facts.quietHours.start}–${facts.quietHours.end} in ${facts.timeZone}; deferred until they end`,
        ],
      };
  }
  if (facts.warmupRemainingToday !== null && facts.warmupRemainingToday <= 0)
    return {
      outcome: 'defer',
      rule: 'warmup',
      until: startOfNextUtcDay(facts.now),
      reasons: ["The sending domain's warm-up allowance for today is used up"],
    };
  return { outcome: 'send', reasons: ['Consent, suppression list, caps and quiet hours allow it'] };
}
