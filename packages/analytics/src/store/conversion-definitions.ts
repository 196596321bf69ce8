import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConversionDefinition, TOUCH_KINDS, unstorableTextReason, type EntityManager } from '@switchboard/db';
import { InputError, sql } from '@switchboard/contacts';

const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const reason = unstorableTextReason(s);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });

export const conversionDefinitionInput = z
  .object({
    name: printable(120),
    kind: z.enum(['event', 'deal_won', 'segment_entry']),
    eventName: printable(200).nullable().default(null),
    valueProperty: printable(200).nullable().default(null),
    segmentId: z.uuid('must be a segment id').nullable().default(null),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD')
      .default('USD'),
    lookbackDays: z
      .number()
      .int()
      .min(1, 'must be at least 1 day')
      .max(365, 'must be at most 365 days')
      .default(30),
    touchKinds: z
      .array(z.enum(TOUCH_KINDS))
      .min(1, 'must name at least one kind of touch')
      .default([...TOUCH_KINDS]),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'event' && !d.eventName)
      ctx.addIssue({ code: 'custom', path: ['eventName'], message: 'is required for an event conversion' });
    if (d.kind === 'segment_entry' && !d.segmentId)
      ctx.addIssue({
        code: 'custom',
        path: ['segmentId'],
        message: 'is required for a segment-entry conversion',
      });
  });
export type ConversionDefinitionInput = z.input<typeof conversionDefinitionInput>;

export interface ConversionDefinitionView {
  id: string;
  name: string;
  kind: 'event' | 'deal_won' | 'segment_entry';
  eventName: string | null;
  valueProperty: string | null;
  segmentId: string | null;
  currency: string;
  lookbackDays: number;
  touchKinds: string[];
}

const view = (d: ConversionDefinition): ConversionDefinitionView => ({
  id: d.id,
  name: d.name,
  kind: d.kind,
  eventName: d.eventName ?? null,
  valueProperty: d.valueProperty ?? null,
  segmentId: d.segment ?? null,
  currency: d.currency,
  lookbackDays: d.lookbackDays,
  touchKinds: [...d.touchKinds],
});

export async function listConversionDefinitions(
  em: EntityManager,
  workspaceId: string,
): Promise<ConversionDefinitionView[]> {
  const rows = await em.find(
    ConversionDefinition,
    { workspace: workspaceId },
    { orderBy: { createdAt: 'asc' } },
  );
  return rows.map(view);
}

export async function conversionDefinition(
  em: EntityManager,
  workspaceId: string,
  id: string,
): Promise<ConversionDefinitionView | null> {
  const row = await em.findOne(ConversionDefinition, { id, workspace: workspaceId });
  return row ? view(row) : null;
}

/** Creates a definition, or replaces the one with `id`; refuses a second definition with the same name. */
export async function saveConversionDefinition(
  em: EntityManager,
  workspaceId: string,
  input: ConversionDefinitionInput,
  id?: string,
): Promise<ConversionDefinitionView> {
  const parsed = conversionDefinitionInput.safeParse(input);
  if (!parsed.success)
    throw new InputError(
      Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'definition', i.message])),
    );
  const d = parsed.data;
  if (d.segmentId) {
    const [segment] = await sql(em, 'select 1 from segments where id = ? and workspace_id = ?', [
      d.segmentId,
      workspaceId,
    ]);
    if (!segment) throw new InputError({ segmentId: 'is not a segment of this workspace' });
  }
  const [clash] = await sql(
    em,
    'select 1 from conversion_definitions where workspace_id = ? and name = ? and id <> ?',
    [workspaceId, d.name, id ?? '00000000-0000-0000-0000-000000000000'],
  );
  if (clash) throw new InputError({ name: `another conversion is already named "${d.name}"` });
  const now = new Date();
  const fields = {
    name: d.name,
    kind: d.kind,
    eventName: d.kind === 'event' ? d.eventName : null,
    valueProperty: d.kind === 'event' ? d.valueProperty : null,
    segment: d.kind === 'segment_entry' ? d.segmentId : null,
    currency: d.currency,
    lookbackDays: d.lookbackDays,
    touchKinds: d.touchKinds,
    updatedAt: now,
  };
  let row: ConversionDefinition | null;
  if (id) {
    row = await em.findOne(ConversionDefinition, { id, workspace: workspaceId });
    if (!row) throw new InputError({ id: 'is not a conversion definition of this workspace' });
    em.assign(row, fields);
  } else {
    row = em.create(ConversionDefinition, {
      id: randomUUID(),
      workspace: workspaceId,
      createdAt: now,
      ...fields,
    });
  }
  await em.flush();
  return view(row);
}

export async function deleteConversionDefinition(em: EntityManager, workspaceId: string, id: string) {
  await em.nativeDelete(ConversionDefinition, { id, workspace: workspaceId });
}
