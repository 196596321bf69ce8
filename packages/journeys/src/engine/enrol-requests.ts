import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findUnstorableInput, type EntityManager } from '@switchboard/db';
import { checkIdempotencyKey, conflict, notFound, validationError } from '@switchboard/accounts';
import { contactNamedBy, sql } from '@switchboard/contacts';
import { admitContacts, liveJourney, type LiveJourney } from './enrolment.ts';
import type { JourneyTemporal } from './start-instances.ts';

export const enrolBodySchema = z.strictObject({
  contact: z
    .string()
    .trim()
    .min(1, 'Name the contact: an id, email, +phone, wechat:… or external:…')
    .max(320),
  /** What the journey's templates see as `event` (e.g. an order's items). */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type EnrolBody = z.infer<typeof enrolBodySchema>;

const MAX_DATA_BYTES = 32 * 1024;

export interface InstanceSummary {
  id: string;
  journeyId: string;
  contactId: string;
  status: string;
  currentStep: string | null;
  enteredAt: string;
}

async function instanceByTrigger(
  em: EntityManager,
  journeyId: string,
  triggerRef: string,
): Promise<InstanceSummary | null> {
  const [row] = await sql<{
    id: string;
    contact_id: string;
    status: string;
    current_node: string | null;
    entered_at: Date;
  }>(
    em,
    `select id, contact_id, status, current_node, entered_at from journey_instances where journey_id = ? and trigger_ref = ?`,
    [journeyId, triggerRef],
  );
  return row
    ? {
        id: row.id,
        journeyId,
        contactId: row.contact_id,
        status: row.status,
        currentStep: row.current_node,
        enteredAt: new Date(row.entered_at).toISOString(),
      }
    : null;
}

/** The live journey of a workspace, or an error saying why a contact cannot enter it. */
export async function requireLiveJourney(
  em: EntityManager,
  workspaceId: string,
  journeyId: string,
): Promise<LiveJourney> {
  const [row] = await sql<{ status: string }>(
    em,
    'select status from journeys where id = ? and workspace_id = ?',
    [journeyId, workspaceId],
  );
  if (!row) throw notFound('Journey');
  const live = row.status === 'live' ? await liveJourney(em, journeyId, workspaceId) : null;
  if (!live)
    throw conflict(
      row.status === 'paused'
        ? 'The journey is paused: resume it to let contacts in'
        : `The journey is ${row.status}, not live: publish it first`,
      'journey',
    );
  return live;
}

/**
 * POST /api/v1/journeys/{id}/enrol: one contact into a live journey, with the request's data for the templates.
 * The Idempotency-Key names the trigger, so repeating the request returns the same instance instead of a second
 * one; reusing the key for another contact is a conflict. A contact the entry rules keep out is a 409 saying why.
 */
export async function enrolByApi(
  em: EntityManager,
  temporal: JourneyTemporal,
  input: { workspaceId: string; journeyId: string; body: EnrolBody; idempotencyKey: string | undefined },
): Promise<{ instance: InstanceSummary; created: boolean }> {
  checkIdempotencyKey(input.idempotencyKey);
  const unstorable = findUnstorableInput(input.body.data);
  if (unstorable)
    throw validationError(['data', unstorable.path].filter(Boolean).join('.'), unstorable.message);
  if (Buffer.byteLength(JSON.stringify(input.body.data)) > MAX_DATA_BYTES)
    throw validationError(
      'data',
      `Keep data under ${MAX_DATA_BYTES / 1024} KiB; store large things elsewhere and pass an id`,
    );
  const journey = await requireLiveJourney(em, input.workspaceId, input.journeyId);
  const contact = await contactNamedBy(em, input.workspaceId, input.body.contact);

  const triggerRef = `api:${input.idempotencyKey ?? randomUUID()}`;
  if (input.idempotencyKey) {
    const existing = await instanceByTrigger(em, journey.journeyId, triggerRef);
    if (existing) {
      if (existing.contactId !== contact.id)
        throw conflict(
          'This Idempotency-Key was already used for another contact; use a new key',
          'Idempotency-Key',
        );
      // Admitted before; a workflow that never started is restarted by the dispatcher's sweep.
      return { instance: existing, created: false };
    }
  }
  const [admitted] = await admitContacts(em, journey, [
    { contactId: contact.id, key: '', triggerRef, triggerData: input.body.data },
  ]);
  if (!admitted) {
    const raced = await instanceByTrigger(em, journey.journeyId, triggerRef);
    if (raced && raced.contactId === contact.id) return { instance: raced, created: false };
    throw conflict(
      journey.graph.settings.reentry.mode === 'always'
        ? 'The contact is in this journey now; they can enter again once that instance ends'
        : 'The contact is in this journey now or was before, and its re-entry rule keeps them out',
      'contact',
    );
  }
  await temporal.start([admitted]);
  return { instance: (await instanceByTrigger(em, journey.journeyId, triggerRef))!, created: true };
}

export const manualEnrolSchema = z.object({
  journeyId: z.uuid(),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('contacts'), contactIds: z.array(z.uuid()).min(1).max(1000) }),
    /** A dynamic segment's current members, or a static list's. */
    z.object({ kind: z.literal('segment'), segmentId: z.uuid() }),
  ]),
});
export type ManualEnrol = z.infer<typeof manualEnrolSchema>;

/**
 * Enrols contacts from the app: picked contacts, or everyone in a segment or static list right now, a thousand at
 * a time. Each request enrols a contact once (its id names the trigger); entry rules apply as for any trigger.
 */
export async function enrolManually(
  em: EntityManager,
  temporal: JourneyTemporal,
  input: ManualEnrol & { workspaceId: string },
  onProgress?: (done: number, total: number) => void,
): Promise<{ requested: number; enrolled: number }> {
  const journey = await requireLiveJourney(em, input.workspaceId, input.journeyId);
  const request = randomUUID();
  let contactIds: string[];
  if (input.target.kind === 'contacts') contactIds = [...new Set(input.target.contactIds)];
  else {
    const [segment] = await sql(em, 'select 1 from segments where id = ? and workspace_id = ?', [
      input.target.segmentId,
      input.workspaceId,
    ]);
    if (!segment) throw notFound('Segment');
    const rows = await sql<{ contact_id: string }>(
      em,
      'select contact_id from segment_members where segment_id = ? and workspace_id = ? order by contact_id',
      [input.target.segmentId, input.workspaceId],
    );
    contactIds = rows.map((r) => r.contact_id);
  }
  let enrolled = 0;
  for (let i = 0; i < contactIds.length; i += 1000) {
    const admitted = await admitContacts(
      em,
      journey,
      contactIds.slice(i, i + 1000).map((contactId) => ({
        contactId,
        key: '',
        triggerRef: `manual:${request}:${contactId}`,
        triggerData: {},
      })),
    );
    await temporal.start(admitted);
    enrolled += admitted.length;
    onProgress?.(Math.min(i + 1000, contactIds.length), contactIds.length);
  }
  return { requested: contactIds.length, enrolled };
}
