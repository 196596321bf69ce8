import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { EntityManager } from '@switchboard/db';
import { recordAudit, notFound, conflict, type Actor } from '@switchboard/accounts';
import { requireContact, sql } from '@switchboard/contacts';
import {
  compileSegment,
  STATIC_LIST,
  type AttributeType,
  type CompileContext,
} from '../compiler/compile-segment.ts';
import { segmentGroupSchema, type SegmentGroup } from '../rules/segment-rules.ts';
import { forWholeWorkspace } from './event-volumes.ts';

interface SegmentRow {
  id: string;
  kind: 'dynamic' | 'static';
  name: string;
  description: string | null;
  rules: SegmentGroup;
  created_at: Date;
  updated_at: Date;
  member_count?: string;
}

const view = (row: SegmentRow) => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  /** Contacts in the segment as of the last membership refresh (seconds behind for dynamic segments). */
  memberCount: Number(row.member_count ?? 0),
  description: row.description,
  rules: row.rules,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});
export type SegmentView = ReturnType<typeof view>;

/** Everything a compile needs from the workspace: attribute types and the other segments' rules. */
export async function compileContext(
  em: EntityManager,
  workspaceId: string,
  now = new Date(),
): Promise<CompileContext> {
  const [attributes, segments] = await Promise.all([
    sql<{ key: string; type: AttributeType }>(
      em,
      'select key, type from attribute_definitions where workspace_id = ?',
      [workspaceId],
    ),
    sql<{ id: string; kind: 'dynamic' | 'static'; rules: SegmentGroup }>(
      em,
      'select id, kind, rules from segments where workspace_id = ?',
      [workspaceId],
    ),
  ]);
  const rules = new Map(segments.map((s) => [s.id, s.kind === 'static' ? STATIC_LIST : s.rules]));
  return {
    workspaceId,
    now,
    attributeTypes: new Map(attributes.map((a) => [a.key, a.type])),
    resolveSegment: (id) => rules.get(id),
  };
}

interface SampleRow {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  lifecycle_stage: string;
}

const SAMPLE_COLUMNS = 'c.id, c.email, c.phone, c.first_name, c.last_name, c.lifecycle_stage';
/** Newest contacts the sample looks through before it evaluates the whole segment instead. */
const SAMPLE_WINDOW = 20_000;

/** Concurrent connections one large count is split over: PostgreSQL runs a correlated probe on one core only. */
const PARALLELISM = Math.min(4, os.availableParallelism());
const PARALLEL_FROM_CONTACTS = 100_000;

/** Contact ids are random UUIDs: `parts` equal ranges of them hold about equal shares of any workspace. */
function idRanges(parts: number): { from?: string; to?: string }[] {
  const bound = (i: number) =>
    `${Math.floor((i * 0x1_0000_0000) / parts)
      .toString(16)
      .padStart(8, '0')}-0000-0000-0000-000000000000`;
  return Array.from({ length: parts }, (_, i) => ({
    from: i === 0 ? undefined : bound(i),
    to: i === parts - 1 ? undefined : bound(i + 1),
  }));
}

/**
 * `select count(*) ${base}` over `parts` id ranges at once, each on its own pooled connection. PostgreSQL will not
 * hand a query with per-contact event probes to parallel workers; splitting it here uses the cores it leaves idle.
 */
async function countInParts(em: EntityManager, base: string, params: unknown[], parts: number) {
  const counts = await Promise.all(
    idRanges(parts).map(async ({ from, to }) => {
      const bounds = `${from ? ' and c.id >= ?::uuid' : ''}${to ? ' and c.id < ?::uuid' : ''}`;
      const [row] = await sql<{ n: string }>(em, `select count(*) as n ${base}${bounds}`, [
        ...params,
        ...(from ? [from] : []),
        ...(to ? [to] : []),
      ]);
      return Number(row?.n ?? 0);
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/** How many contacts match `rules` right now, with a few of them to show; this is the builder's live count. */
export async function previewSegment(
  em: EntityManager,
  workspaceId: string,
  rules: SegmentGroup,
  options: {
    sampleSize?: number;
    now?: Date;
    /** Id ranges the count is split over; by default one, or the cores there are for a large workspace. */
    parallelism?: number;
  } = {},
) {
  const { sampleSize = 10, now = new Date() } = options;
  const context = await forWholeWorkspace(em, await compileContext(em, workspaceId, now), rules);
  const compiled = compileSegment(rules, context);
  const base = `from contacts c where c.workspace_id = ? and (${compiled.where})`;
  // Count first, then sample: run together they would compete for the same cores on the same work.
  const large = (context.eventVolumes?.contacts ?? 0) >= PARALLEL_FROM_CONTACTS;
  const parts = options.parallelism ?? (large ? PARALLELISM : 1);
  const count = await countInParts(em, base, [workspaceId, ...compiled.params], parts);
  let sample: SampleRow[] = [];
  if (count > 0 && sampleSize > 0) {
    // The newest matches are usually among the newest contacts: look there first, a bounded amount of work.
    sample = await sql<SampleRow>(
      em,
      `select ${SAMPLE_COLUMNS} from (select * from contacts c where c.workspace_id = ? order by c.created_at desc limit ?) c
       where ${compiled.where} order by c.created_at desc limit ?`,
      [workspaceId, SAMPLE_WINDOW, ...compiled.params, sampleSize],
    );
    if (sample.length < Math.min(sampleSize, count))
      sample = await sql<SampleRow>(
        em,
        `select ${SAMPLE_COLUMNS} ${base} order by c.created_at desc limit ?`,
        [workspaceId, ...compiled.params, sampleSize],
      );
  }
  return {
    count,
    sample: sample.map((c) => ({
      id: c.id,
      email: c.email,
      phone: c.phone,
      firstName: c.first_name,
      lastName: c.last_name,
      lifecycleStage: c.lifecycle_stage,
    })),
  };
}

export async function listSegments(em: EntityManager, workspaceId: string) {
  const rows = await sql<SegmentRow>(
    em,
    `select s.*, (select count(*) from segment_members m where m.segment_id = s.id) as member_count
     from segments s where s.workspace_id = ? order by s.name`,
    [workspaceId],
  );
  return rows.map(view);
}

async function requireSegment(em: EntityManager, workspaceId: string, id: string): Promise<void> {
  const [row] = await sql(em, 'select 1 from segments where workspace_id = ? and id = ?', [workspaceId, id]);
  if (!row) throw notFound('Segment');
}

export async function getSegment(em: EntityManager, workspaceId: string, id: string) {
  const [row] = await sql<SegmentRow>(
    em,
    `select s.*, (select count(*) from segment_members m where m.segment_id = s.id) as member_count
     from segments s where s.workspace_id = ? and s.id = ?`,
    [workspaceId, id],
  );
  if (!row) throw notFound('Segment');
  return view(row);
}

export interface SegmentInput {
  name: string;
  description?: string | null;
  rules: SegmentGroup;
}

/** Saves a segment after checking its rules compile (unknown attributes, cycles through other segments…). */
export async function saveSegment(
  em: EntityManager,
  workspaceId: string,
  input: SegmentInput,
  actor: Actor,
  id?: string,
) {
  const rules = segmentGroupSchema.parse(input.rules);
  const context = await compileContext(em, workspaceId);
  const segmentId = id ?? randomUUID();
  // Compile with this segment's new rules in place, so a cycle through other segments is caught before saving.
  compileSegment(rules, {
    ...context,
    resolveSegment: (other) => (other === segmentId ? rules : context.resolveSegment?.(other)),
  });
  const clash = await sql(em, 'select 1 from segments where workspace_id = ? and name = ? and id <> ?', [
    workspaceId,
    input.name,
    segmentId,
  ]);
  if (clash.length) throw conflict(`A segment named "${input.name}" already exists`, 'name');
  if (id) {
    const [existing] = await sql<{ kind: string }>(
      em,
      'select kind from segments where workspace_id = ? and id = ?',
      [workspaceId, id],
    );
    if (existing?.kind === 'static')
      throw conflict(
        'This is a static list: its members are added by import or bulk action, not by rules',
        'rules',
      );
  }
  const [row] = id
    ? await sql<SegmentRow>(
        em,
        // Membership is recomputed in full (members_refreshed_at cleared) because the rules changed.
        `update segments set name = ?, description = ?, rules = ?::jsonb, updated_at = now(), members_refreshed_at = null
         where workspace_id = ? and id = ? returning *`,
        [input.name, input.description ?? null, JSON.stringify(rules), workspaceId, id],
      )
    : await sql<SegmentRow>(
        em,
        `insert into segments (id, workspace_id, name, description, rules, created_by_id, created_at, updated_at)
         values (?, ?, ?, ?, ?::jsonb, ?, now(), now()) returning *`,
        [
          segmentId,
          workspaceId,
          input.name,
          input.description ?? null,
          JSON.stringify(rules),
          actor.type === 'user' ? actor.id : null,
        ],
      );
  if (!row) throw notFound('Segment');
  recordAudit(em, {
    workspaceId,
    actor,
    action: id ? 'segment.updated' : 'segment.created',
    target: { type: 'segment', id: row.id },
    details: { name: input.name },
  });
  await em.flush();
  return view(row);
}

export async function deleteSegment(em: EntityManager, workspaceId: string, id: string, actor: Actor) {
  const users = await sql<{ name: string }>(
    em,
    `select name from segments where workspace_id = ? and id <> ? and rules::text like ?`,
    [workspaceId, id, `%${id}%`],
  );
  if (users.length) throw conflict(`Other segments use this one: ${users.map((u) => u.name).join(', ')}`);
  const deleted = await sql(em, 'delete from segments where workspace_id = ? and id = ? returning id', [
    workspaceId,
    id,
  ]);
  if (!deleted.length) throw notFound('Segment');
  recordAudit(em, { workspaceId, actor, action: 'segment.deleted', target: { type: 'segment', id } });
  await em.flush();
}

/** Members as of the last refresh (a static list's members), in the order and from the point given. */
async function loadMembers(
  em: EntityManager,
  workspaceId: string,
  id: string,
  query: { order: 'newest' | 'contactId'; limit: number; after?: string },
) {
  await requireSegment(em, workspaceId, id);
  const rows = await sql<{
    id: string;
    email: string | null;
    phone: string | null;
    first_name: string | null;
    last_name: string | null;
    entered_at: Date;
  }>(
    em,
    `select c.id, c.email, c.phone, c.first_name, c.last_name, m.entered_at from segment_members m
     join contacts c on c.id = m.contact_id
     where m.segment_id = ? and m.workspace_id = ? ${query.after ? 'and m.contact_id > ?::uuid' : ''}
     order by ${query.order === 'newest' ? 'm.entered_at desc' : 'm.contact_id'} limit ?`,
    [id, workspaceId, ...(query.after ? [query.after] : []), query.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    phone: r.phone,
    firstName: r.first_name,
    lastName: r.last_name,
    enteredAt: new Date(r.entered_at).toISOString(),
  }));
}

/** The first members of a segment as of the last refresh (a static list's members), newest first. */
export function segmentMembers(em: EntityManager, workspaceId: string, id: string, limit = 50) {
  return loadMembers(em, workspaceId, id, { order: 'newest', limit });
}

/**
 * A page of members as of the last refresh in contact-id order, for clients walking the whole segment: the cursor is
 * the last contact id, so pages neither repeat nor skip when members join or leave meanwhile.
 */
export async function segmentMembersPage(
  em: EntityManager,
  workspaceId: string,
  id: string,
  page: { limit: number; after?: string },
) {
  // One more than asked says whether another page follows.
  const rows = await loadMembers(em, workspaceId, id, { ...page, order: 'contactId', limit: page.limit + 1 });
  const members = rows.slice(0, page.limit);
  return { members, next: rows.length > page.limit ? members.at(-1)!.id : null };
}

/**
 * How many contacts are in the segment this moment: a dynamic segment's rules evaluated now (the stored membership
 * may be seconds behind), a static list's members.
 */
export async function liveSegmentCount(em: EntityManager, workspaceId: string, id: string): Promise<number> {
  await requireSegment(em, workspaceId, id);
  const inSegment: SegmentGroup = {
    kind: 'group',
    match: 'all',
    conditions: [{ kind: 'segment', op: 'in', segmentId: id }],
  };
  return (await previewSegment(em, workspaceId, inSegment, { sampleSize: 0 })).count;
}

/** The segments and lists a contact is in (for the 360 page). */
export async function contactSegments(em: EntityManager, workspaceId: string, contactId: string) {
  await requireContact(em, workspaceId, contactId);
  const rows = await sql<{ id: string; name: string; kind: string; entered_at: Date }>(
    em,
    `select s.id, s.name, s.kind, m.entered_at from segment_members m join segments s on s.id = m.segment_id
     where m.contact_id = ? and m.workspace_id = ? order by s.name`,
    [contactId, workspaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    enteredAt: new Date(r.entered_at).toISOString(),
  }));
}

/**
 * The SQL filter (over `contacts c`) for a saved segment: its compiled rules, or for a static list its stored
 * members, through the same compiler path that "in segment X" uses.
 */
export async function savedSegmentFilter(em: EntityManager, workspaceId: string, segmentId: string) {
  const rules: SegmentGroup = {
    kind: 'group',
    match: 'all',
    conditions: [{ kind: 'segment', op: 'in', segmentId }],
  };
  return compileSegment(rules, await forWholeWorkspace(em, await compileContext(em, workspaceId), rules));
}
