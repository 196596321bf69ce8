import { z } from 'zod';
import type { EntityManager } from '@switchboard/db';
import { InputError, instantOfLocal } from '@switchboard/contacts';
import { attributionReport, type AttributionReport } from './attribution-report.ts';
import { reportTimeZone } from './report-time-zone.ts';
import {
  conversionDefinition,
  listConversionDefinitions,
  type ConversionDefinitionView,
} from './conversion-definitions.ts';
import { CREDIT_BY } from './conversion-paths.ts';
import { channelOverview, GRANULARITIES } from './channel-overview.ts';
import { clickedThenConverted } from './funnel-conversions.ts';
import { templateReport } from './template-report.ts';

/** What a workspace without its own definitions reports on: purchases, valued by their revenue. */
export const PURCHASES: ConversionDefinitionView = {
  id: '',
  name: 'Purchase',
  kind: 'event',
  eventName: 'purchase',
  valueProperty: null,
  segmentId: null,
  currency: 'USD',
  lookbackDays: 30,
  touchKinds: ['delivered', 'opened', 'clicked', 'replied'],
};

/** The workspace's definitions, or the built-in purchases when it has none. */
export async function conversionsOrDefault(em: EntityManager, workspaceId: string) {
  const stored = await listConversionDefinitions(em, workspaceId);
  return stored.length > 0 ? stored : [PURCHASES];
}

const day = z.iso.date('must be a date (YYYY-MM-DD)');
export const attributionRequest = z.object({
  /** A stored definition; omitted, the first one (or purchases, when there are none). */
  conversionId: z.uuid('must be a conversion definition id').optional(),
  from: day,
  /** The last day included. */
  to: day,
  by: z.enum(CREDIT_BY).default('channel'),
  halfLifeHours: z
    .number()
    .positive('must be a positive number of hours')
    .max(24 * 365)
    .optional(),
});
export type AttributionRequest = z.input<typeof attributionRequest>;

export const DAY_MS = 86_400_000;

export { reportTimeZone };

/** Local midnight of a calendar day (YYYY-MM-DD) in `timeZone`, `plusDays` later. */
function midnight(day: string, timeZone: string, plusDays = 0): Date {
  const date = new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * DAY_MS);
  return instantOfLocal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), '00:00', timeZone);
}

/**
 * Days (both included) in the workspace's time zone as the instants [from, to) — a day is its local midnight to the
 * next, 23 or 25 hours on the days clocks change; at most a year.
 */
export function periodOf(days: { from: string; to: string }, timeZone = 'UTC'): { from: Date; to: Date } {
  const from = midnight(days.from, timeZone);
  const to = midnight(days.to, timeZone, 1);
  if (to <= from) throw new InputError({ to: 'must not be before the first day' });
  if (to.getTime() - from.getTime() > 367 * DAY_MS)
    throw new InputError({ to: 'the period can be at most a year' });
  return { from, to };
}

export const overviewRequest = z.object({
  from: day,
  to: day,
  granularity: z.enum(GRANULARITIES).default('day'),
});

const parseOr400 = <T extends z.ZodType>(schema: T, input: unknown): z.output<T> => {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new InputError(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
  return parsed.data;
};

/** The channel overview of a period of days (the workspace's time zone, both included) beside the period before. */
export async function overviewFor(
  em: EntityManager,
  workspaceId: string,
  request: z.input<typeof overviewRequest>,
) {
  const input = parseOr400(overviewRequest, request);
  const timeZone = await reportTimeZone(em, workspaceId);
  return channelOverview(em, workspaceId, periodOf(input, timeZone), input.granularity, timeZone);
}

export const templateReportRequest = z.object({
  templateId: z.uuid('must be a template id'),
  from: day,
  to: day,
});

/** A template's report for a period of days (the workspace's time zone, both included); null for a template the workspace lacks. */
export async function templateReportFor(
  em: EntityManager,
  workspaceId: string,
  request: z.input<typeof templateReportRequest>,
) {
  const input = parseOr400(templateReportRequest, request);
  const timeZone = await reportTimeZone(em, workspaceId);
  return templateReport(em, workspaceId, input.templateId, periodOf(input, timeZone), timeZone);
}

export const funnelRequest = z.object({ from: day, to: day });

/**
 * The funnel's last step for a period of days: messages clicked and then converted, for the workspace's first
 * conversion when it is an event (or a segment entry, which is one); null otherwise.
 */
export async function funnelFor(
  em: EntityManager,
  workspaceId: string,
  request: z.input<typeof funnelRequest>,
): Promise<{ clickedThenConverted: number | null }> {
  const period = periodOf(parseOr400(funnelRequest, request), await reportTimeZone(em, workspaceId));
  const definition = (await conversionsOrDefault(em, workspaceId))[0]!;
  const conversion =
    definition.kind === 'event' && definition.eventName
      ? { eventName: definition.eventName, segmentId: null, lookbackDays: definition.lookbackDays }
      : definition.kind === 'segment_entry' && definition.segmentId
        ? {
            eventName: 'segment_entered',
            segmentId: definition.segmentId,
            lookbackDays: definition.lookbackDays,
          }
        : null;
  return {
    clickedThenConverted: conversion ? await clickedThenConverted(em, workspaceId, period, conversion) : null,
  };
}

/** The report a request asks for: its definition found, its days (the workspace's time zone, both included) checked. */
export async function attributionFor(
  em: EntityManager,
  workspaceId: string,
  request: AttributionRequest,
): Promise<AttributionReport> {
  const parsed = attributionRequest.safeParse(request);
  if (!parsed.success)
    throw new InputError(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
  const input = parsed.data;
  const definition = input.conversionId
    ? await conversionDefinition(em, workspaceId, input.conversionId)
    : (await conversionsOrDefault(em, workspaceId))[0]!;
  if (!definition) throw new InputError({ conversionId: 'is not a conversion definition of this workspace' });
  const timeZone = await reportTimeZone(em, workspaceId);
  const { from, to } = periodOf(input, timeZone);
  return attributionReport(em, workspaceId, definition, {
    from,
    to,
    timeZone,
    by: input.by,
    ...(input.halfLifeHours ? { halfLifeHours: input.halfLifeHours } : {}),
  });
}
