/** The campaign form's state and how it becomes the API's campaign input. Pure, so it is unit-tested. */
export type AbField = 'subject' | 'fromName' | 'content' | 'sendTime';
export type ScheduleMode = 'now' | 'at' | 'localTime' | 'optimised';
export const VARIANT_KEYS = ['A', 'B', 'C', 'D', 'E'] as const;

export interface VariantForm {
  key: (typeof VARIANT_KEYS)[number];
  templateId: string;
  subject: string;
  fromName: string;
  delayHours: number;
}

export interface CampaignForm {
  name: string;
  channel: 'email' | 'sms' | 'wechat';
  segmentId: string;
  topic: string;
  abEnabled: boolean;
  abField: AbField;
  testSharePercent: number;
  windowHours: number;
  metric: 'opens' | 'clicks' | 'conversions';
  conversionEvent: string;
  variants: VariantForm[];
  scheduleMode: ScheduleMode;
  /** datetime-local value (the browser's zone) for "at". */
  at: string;
  localDate: string;
  localTime: string;
  /** Five-field cron; empty = send once. */
  recurrence: string;
}

export const emptyVariant = (key: VariantForm['key'], templateId = ''): VariantForm => ({
  key,
  templateId,
  subject: '',
  fromName: '',
  delayHours: 0,
});

export function emptyForm(): CampaignForm {
  return {
    name: '',
    channel: 'email',
    segmentId: '',
    topic: '',
    abEnabled: false,
    abField: 'subject',
    testSharePercent: 20,
    windowHours: 4,
    metric: 'opens',
    conversionEvent: '',
    variants: [emptyVariant('A')],
    scheduleMode: 'now',
    at: '',
    localDate: '',
    localTime: '09:00',
    recurrence: '',
  };
}

/** The API's input: only the fields the chosen test and schedule use. */
export function toCampaignInput(form: CampaignForm) {
  const variants = (form.abEnabled ? form.variants : form.variants.slice(0, 1)).map((v) => ({
    key: v.key,
    // Only a content test uses a different template per variant.
    templateId: form.abEnabled && form.abField !== 'content' ? form.variants[0]!.templateId : v.templateId,
    ...(form.abEnabled && form.abField === 'subject' ? { subject: v.subject } : {}),
    ...(form.abEnabled && form.abField === 'fromName' ? { fromName: v.fromName } : {}),
    ...(form.abEnabled && form.abField === 'sendTime' ? { delayHours: v.delayHours } : {}),
  }));
  const schedule =
    form.scheduleMode === 'at'
      ? { mode: 'at' as const, at: form.at ? new Date(form.at).toISOString() : '' }
      : form.scheduleMode === 'localTime'
        ? { mode: 'localTime' as const, date: form.localDate, time: form.localTime }
        : form.scheduleMode === 'optimised'
          ? { mode: 'optimised' as const }
          : { mode: 'now' as const };
  return {
    name: form.name,
    channel: form.channel,
    segmentId: form.segmentId,
    topic: form.topic,
    variants,
    abTest: form.abEnabled
      ? {
          field: form.abField,
          testShare: form.testSharePercent / 100,
          windowMinutes: Math.round(form.windowHours * 60),
          metric: form.metric,
          ...(form.metric === 'conversions' ? { conversionEvent: form.conversionEvent } : {}),
        }
      : null,
    schedule,
    recurrence: form.recurrence.trim() || null,
  };
}

interface StoredCampaign {
  name: string;
  channel: CampaignForm['channel'];
  segmentId: string | null;
  topic: string;
  variants: {
    key: VariantForm['key'];
    templateId: string;
    subject?: string;
    fromName?: string;
    delayHours?: number;
  }[];
  abTest: {
    field: AbField;
    testShare: number;
    windowMinutes: number;
    metric: CampaignForm['metric'];
    conversionEvent?: string;
  } | null;
  schedule: { mode: ScheduleMode; at?: string; date?: string; time?: string };
  recurrence: string | null;
}

const localInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** A saved draft back into the form. */
export function fromCampaign(c: StoredCampaign): CampaignForm {
  const base = emptyForm();
  return {
    ...base,
    name: c.name,
    channel: c.channel,
    segmentId: c.segmentId ?? '',
    topic: c.topic,
    abEnabled: c.abTest !== null,
    abField: c.abTest?.field ?? base.abField,
    testSharePercent: c.abTest ? Math.round(c.abTest.testShare * 100) : base.testSharePercent,
    windowHours: c.abTest ? c.abTest.windowMinutes / 60 : base.windowHours,
    metric: c.abTest?.metric ?? base.metric,
    conversionEvent: c.abTest?.conversionEvent ?? '',
    variants: c.variants.map((v) => ({
      ...emptyVariant(v.key, v.templateId),
      subject: v.subject ?? '',
      fromName: v.fromName ?? '',
      delayHours: v.delayHours ?? 0,
    })),
    scheduleMode: c.schedule.mode,
    at: c.schedule.at ? localInput(c.schedule.at) : '',
    localDate: c.schedule.date ?? '',
    localTime: c.schedule.time ?? base.localTime,
    recurrence: c.recurrence ?? '',
  };
}
