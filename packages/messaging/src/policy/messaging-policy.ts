import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { z } from 'zod';

export interface MessagingPolicy {
  frequencyCap: { count: number; days: number };
  quietHours: { start: string; end: string };
  defaultTimezone: string;
  optInChannels: ('email' | 'sms' | 'wechat')[];
  softBounceThreshold: number;
  smsHelpText: string | null;
  smsPricePerSegment: number;
  /** The currency of every price here (the SMS price, emails and WeChat messages), used for ROI. */
  smsCurrency: string;
  emailPricePerThousand: number;
  wechatPricePerMessage: number;
}

export const DEFAULT_POLICY: MessagingPolicy = {
  frequencyCap: { count: 3, days: 7 },
  quietHours: { start: '21:00', end: '08:00' },
  defaultTimezone: 'UTC',
  optInChannels: ['sms'],
  softBounceThreshold: 3,
  smsHelpText: null,
  smsPricePerSegment: 0.0079,
  smsCurrency: 'USD',
  emailPricePerThousand: 0.1,
  wechatPricePerMessage: 0,
};

interface PolicyRow {
  frequency_cap_count: number;
  frequency_cap_days: number;
  quiet_hours_start: string;
  quiet_hours_end: string;
  default_timezone: string;
  opt_in_channels: MessagingPolicy['optInChannels'];
  soft_bounce_threshold: number;
  sms_help_text: string | null;
  sms_price_per_segment: string;
  sms_currency: string;
  email_price_per_thousand: string;
  wechat_price_per_message: string;
}

export async function loadMessagingPolicy(em: EntityManager, workspaceId: string): Promise<MessagingPolicy> {
  const [row] = await sql<PolicyRow>(em, 'select * from messaging_policies where workspace_id = ?', [
    workspaceId,
  ]);
  if (!row) return DEFAULT_POLICY;
  return {
    frequencyCap: { count: row.frequency_cap_count, days: row.frequency_cap_days },
    quietHours: { start: row.quiet_hours_start, end: row.quiet_hours_end },
    defaultTimezone: row.default_timezone,
    optInChannels: row.opt_in_channels,
    softBounceThreshold: row.soft_bounce_threshold,
    smsHelpText: row.sms_help_text,
    smsPricePerSegment: Number(row.sms_price_per_segment),
    smsCurrency: row.sms_currency,
    emailPricePerThousand: Number(row.email_price_per_thousand),
    wechatPricePerMessage: Number(row.wechat_price_per_message),
  };
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:MM, e.g. 21:00');
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Not an IANA time zone (e.g. Europe/Berlin)');

export const messagingPolicySchema = z.object({
  frequencyCap: z.object({
    count: z.number().int().min(0, '0 turns the cap off').max(100),
    days: z.number().int().min(1).max(90),
  }),
  quietHours: z.object({ start: clock, end: clock }),
  defaultTimezone: timeZone,
  optInChannels: z.array(z.enum(['email', 'sms', 'wechat'])).max(3),
  softBounceThreshold: z.number().int().min(1).max(20),
  smsHelpText: z.string().trim().max(320, 'Keep the HELP reply within two SMS segments').nullable(),
  smsPricePerSegment: z.number().min(0).max(10),
  smsCurrency: z.string().regex(/^[A-Z]{3}$/, 'A three-letter currency code such as USD'),
  emailPricePerThousand: z.number().min(0).max(1000),
  wechatPricePerMessage: z.number().min(0).max(10),
});

export async function saveMessagingPolicy(
  em: EntityManager,
  workspaceId: string,
  policy: z.infer<typeof messagingPolicySchema>,
): Promise<void> {
  await sql(
    em,
    `insert into messaging_policies (workspace_id, frequency_cap_count, frequency_cap_days, quiet_hours_start,
       quiet_hours_end, default_timezone, opt_in_channels, soft_bounce_threshold, sms_help_text,
       sms_price_per_segment, sms_currency, email_price_per_thousand, wechat_price_per_message, updated_at)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, now())
     on conflict (workspace_id) do update set frequency_cap_count = excluded.frequency_cap_count,
       frequency_cap_days = excluded.frequency_cap_days, quiet_hours_start = excluded.quiet_hours_start,
       quiet_hours_end = excluded.quiet_hours_end, default_timezone = excluded.default_timezone,
       opt_in_channels = excluded.opt_in_channels, soft_bounce_threshold = excluded.soft_bounce_threshold,
       sms_help_text = excluded.sms_help_text, sms_price_per_segment = excluded.sms_price_per_segment,
       sms_currency = excluded.sms_currency, email_price_per_thousand = excluded.email_price_per_thousand,
       wechat_price_per_message = excluded.wechat_price_per_message, updated_at = now()`,
    [
      workspaceId,
      policy.frequencyCap.count,
      policy.frequencyCap.days,
      policy.quietHours.start,
      policy.quietHours.end,
      policy.defaultTimezone,
      JSON.stringify(policy.optInChannels),
      policy.softBounceThreshold,
      policy.smsHelpText,
      policy.smsPricePerSegment,
      policy.smsCurrency,
      policy.emailPricePerThousand,
      policy.wechatPricePerMessage,
    ],
  );
}
