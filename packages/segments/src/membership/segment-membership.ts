import type { EntityManager } from '@switchboard/db';
import { list, sql } from '@switchboard/contacts';
import { compileSegment, SegmentCompileError } from '../compiler/compile-segment.ts';
import { compileContext } from '../store/segment-store.ts';
import { forWholeWorkspace } from '../store/event-volumes.ts';
import type { SegmentGroup } from '../rules/segment-rules.ts';

export const SEGMENT_ENTERED = 'segment_entered';
export const SEGMENT_EXITED = 'segment_exited';
/** Above this many changed contacts in one workspace, recomputing whole segments is cheaper than checking each. */
const MAX_CONTACTS_PER_PASS = 20_000;

interface DynamicSegment {
  id: string;
  name: string;
  rules: SegmentGroup;
  created_at: Date;
  updated_at: Date;
  members_refreshed_at: Date | null;
}

export interface MembershipChanges {
  entered: number;
  exited: number;
}

/**
 * Writes the membership diff of one segment in one statement: `matching` is who should be in (among `scope`, or all
 * contacts), members not matching leave, the rest enter; each entry and exit becomes an event on the contact's
 * timeline (journeys start from them) unless `recordEvents` is off for a first population.
 */
async function applyDiff(
  em: EntityManager,
  workspaceId: string,
  segment: DynamicSegment,
  where: { where: string; params: unknown[] },
  scope: string[] | null,
  recordEvents: boolean,
): Promise<MembershipChanges> {
  const scoped = scope ? `and c.id = any(?::uuid[])` : '';
  const scopedMembers = scope ? `and m.contact_id = any(?::uuid[])` : '';
  const scopeParams = scope ? [list(scope)] : [];
  const properties = JSON.stringify({ segmentId: segment.id, segmentName: segment.name });
  const [row] = await sql<{ entered: string; exited: string }>(
    em,
    `with matching as (
       select c.id from contacts c where c.workspace_id = ? ${scoped} and ${where.where}
     ), entered as (
       insert into segment_members (segment_id, contact_id, workspace_id, entered_at)
       select ?::uuid, id, ?::uuid, now() from matching on conflict do nothing returning contact_id
     ), exited as (
       delete from segment_members m where m.segment_id = ? ${scopedMembers}
         and not exists (select 1 from matching where matching.id = m.contact_id)
       returning contact_id
     ), recorded as (
       insert into events (workspace_id, contact_id, name, properties, source, occurred_at, received_at)
       select ?::uuid, contact_id, '${SEGMENT_ENTERED}', ?::jsonb, 'segments', now(), now() from entered where ?::boolean
       union all
       select ?::uuid, contact_id, '${SEGMENT_EXITED}', ?::jsonb, 'segments', now(), now() from exited where ?::boolean
       returning 1
     )
     select (select count(*) from entered) as entered, (select count(*) from exited) as exited,
            (select count(*) from recorded) as recorded`,
    [
      workspaceId,
      ...scopeParams,
      ...where.params,
      segment.id,
      workspaceId,
      segment.id,
      ...scopeParams,
      workspaceId,
      properties,
      recordEvents,
      workspaceId,
      properties,
      recordEvents,
    ],
  );
  return { entered: Number(row?.entered ?? 0), exited: Number(row?.exited ?? 0) };
}

async function dynamicSegments(em: EntityManager, workspaceId: string) {
  return sql<DynamicSegment>(
    em,
    `select id, name, rules, created_at, updated_at, members_refreshed_at from segments
     where workspace_id = ? and kind = 'dynamic'`,
    [workspaceId],
  );
}

/** Compiles a segment, or null if its rules no longer compile (e.g. an attribute it uses was removed). */
function compiled(segment: DynamicSegment, context: Awaited<ReturnType<typeof compileContext>>) {
  try {
    return compileSegment(segment.rules, context);
  } catch (error) {
    if (error instanceof SegmentCompileError) return null;
    throw error;
  }
}

/** Re-checks these contacts against every dynamic segment of the workspace that has been populated. */
export async function refreshMembershipFor(
  em: EntityManager,
  workspaceId: string,
  contactIds: string[],
): Promise<MembershipChanges> {
  const total = { entered: 0, exited: 0 };
  if (contactIds.length === 0) return total;
  if (contactIds.length > MAX_CONTACTS_PER_PASS) return recomputeWorkspace(em, workspaceId, true);
  const context = await compileContext(em, workspaceId);
  for (const segment of await dynamicSegments(em, workspaceId)) {
    if (!segment.members_refreshed_at) continue;
    const where = compiled(segment, context);
    if (!where) continue;
    const changes = await applyDiff(em, workspaceId, segment, where, contactIds, true);
    total.entered += changes.entered;
    total.exited += changes.exited;
  }
  return total;
}

/**
 * Recomputes whole segments: those never populated or whose rules changed, or (with `all`) every dynamic segment,
 * which also catches contacts whose membership changed only because time passed ("not active in 30 days").
 * A new segment's first population records no events: nobody "entered" it, it began to exist.
 */
export async function recomputeWorkspace(
  em: EntityManager,
  workspaceId: string,
  all: boolean,
): Promise<MembershipChanges> {
  const total = { entered: 0, exited: 0 };
  const context = await compileContext(em, workspaceId);
  for (const segment of await dynamicSegments(em, workspaceId)) {
    if (!all && segment.members_refreshed_at) continue;
    const where = compiled(segment, await forWholeWorkspace(em, context, segment.rules));
    if (!where) continue;
    const firstPopulation =
      !segment.members_refreshed_at &&
      new Date(segment.created_at).getTime() === new Date(segment.updated_at).getTime();
    const changes = await applyDiff(em, workspaceId, segment, where, null, !firstPopulation);
    await sql(em, 'update segments set members_refreshed_at = now() where id = ?', [segment.id]);
    total.entered += changes.entered;
    total.exited += changes.exited;
  }
  return total;
}

export interface ChangeCursor {
  /** Highest events.id seen. */
  eventId: number;
  /** Database time the contacts scan started. */
  at: string;
}

/** Where to start following changes from now on (history is covered by full recomputes). */
export async function currentCursor(em: EntityManager): Promise<ChangeCursor> {
  const [row] = await sql<{ event_id: string | null; at: string }>(
    em,
    `select (select max(id) from events) as event_id, now()::text as at`,
  );
  return { eventId: Number(row?.event_id ?? 0), at: row!.at };
}

/**
 * Contacts with new events (not our own entry/exit events) or profile changes since `since`, by workspace, and the
 * cursor to continue from. Callers pass an older cursor than the last one, so rows committed late are not missed.
 */
export async function changedContacts(em: EntityManager, since: ChangeCursor) {
  const next = await currentCursor(em);
  const rows = await sql<{ workspace_id: string; contact_id: string }>(
    em,
    `select distinct workspace_id, contact_id from events
       where id > ? and id <= ? and source <> 'segments'
     union
     select workspace_id, id from contacts where updated_at > ?::timestamptz`,
    [since.eventId, next.eventId, since.at],
  );
  const byWorkspace = new Map<string, string[]>();
  for (const r of rows) {
    const ids = byWorkspace.get(r.workspace_id) ?? [];
    ids.push(r.contact_id);
    byWorkspace.set(r.workspace_id, ids);
  }
  return { byWorkspace, next };
}

/** Workspaces that have dynamic segments whose rules changed or were never populated, or (with `all`) any. */
export async function workspacesToRecompute(em: EntityManager, all: boolean) {
  const rows = await sql<{ workspace_id: string }>(
    em,
    `select distinct workspace_id from segments where kind = 'dynamic' ${all ? '' : 'and members_refreshed_at is null'}`,
  );
  return rows.map((r) => r.workspace_id);
}
