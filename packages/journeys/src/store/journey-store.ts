import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { conflict, notFound, recordAudit, validationError, type Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { journeyGraphSchema, type JourneyGraph } from '../definition/journey-graph.ts';
import {
  validateJourney,
  type JourneyProblem,
  type ValidationContext,
} from '../definition/validate-journey.ts';
import { recipeGraph, type RecipeKey } from '../definition/recipes.ts';
import { describeChanges, journeyChanges, type JourneyChange } from '../definition/journey-changes.ts';

interface JourneyRow {
  id: string;
  workspace_id: string;
  name: string;
  status: 'draft' | 'live' | 'paused' | 'archived';
  draft: unknown;
  live_version: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The templates (with their newest published version) and segments a journey may name. */
export async function validationContext(em: EntityManager, workspaceId: string) {
  const templates = await sql<{ id: string; name: string; channel: string; version_id: string | null }>(
    em,
    `select t.id, t.name, t.channel,
       (select v.id from template_versions v where v.template_id = t.id order by v.version desc limit 1) as version_id
     from templates t where t.workspace_id = ? and not t.archived`,
    [workspaceId],
  );
  const segments = await sql<{ id: string }>(em, 'select id from segments where workspace_id = ?', [
    workspaceId,
  ]);
  const context: ValidationContext = {
    templates: new Map(
      templates.map((t) => [t.id, { channel: t.channel, published: t.version_id !== null, name: t.name }]),
    ),
    segments: new Set(segments.map((s) => s.id)),
  };
  const latestVersions = new Map(
    templates.flatMap((t) => (t.version_id ? [[t.id, t.version_id] as const] : [])),
  );
  return { context, latestVersions };
}

function parseGraph(draft: unknown): JourneyGraph {
  const parsed = journeyGraphSchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw validationError(['draft', ...issue.path].join('.'), issue.message);
  }
  return parsed.data;
}

async function loadRow(em: EntityManager, workspaceId: string, id: string): Promise<JourneyRow> {
  const [row] = await sql<JourneyRow>(em, 'select * from journeys where workspace_id = ? and id = ?', [
    workspaceId,
    id,
  ]);
  if (!row) throw notFound('Journey');
  return row;
}

export interface JourneyView {
  id: string;
  name: string;
  status: JourneyRow['status'];
  draft: JourneyGraph;
  liveVersion: number | null;
  /** What would stop the draft from being published, on the steps they concern. */
  problems: JourneyProblem[];
  /** What publishing the draft would change from the live version, for the publish dialog. */
  pendingChanges: JourneyChange[];
  updatedAt: string;
}

/** A journey with its draft and the draft's problems, as the builder opens it. */
export async function getJourney(em: EntityManager, workspaceId: string, id: string): Promise<JourneyView> {
  const row = await loadRow(em, workspaceId, id);
  const draft = parseGraph(row.draft);
  const { context } = await validationContext(em, workspaceId);
  const [live] = row.live_version
    ? await sql<{ graph: unknown }>(
        em,
        'select graph from journey_versions where journey_id = ? and version = ?',
        [id, row.live_version],
      )
    : [];
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    draft,
    liveVersion: row.live_version,
    problems: validateJourney(draft, context),
    pendingChanges: journeyChanges(live ? parseGraph(live.graph) : null, draft),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function createJourney(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  input: { name: string; recipe?: RecipeKey },
): Promise<JourneyView> {
  const id = randomUUID();
  const draft = recipeGraph(input.recipe ?? 'blank');
  await sql(
    em,
    `insert into journeys (id, workspace_id, name, status, draft, created_by_id, created_at, updated_at)
     values (?, ?, ?, 'draft', ?::jsonb, ?, now(), now())`,
    [id, workspaceId, input.name.trim(), JSON.stringify(draft), actor.type === 'user' ? actor.id : null],
  );
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'journey.created',
    target: { type: 'journey', id },
    details: { recipe: input.recipe ?? 'blank' },
  });
  await em.flush();
  return getJourney(em, workspaceId, id);
}

/** Saves the draft as it is, problems and all (the builder shows them on the steps); only its shape must be valid. */
export async function saveJourneyDraft(
  em: EntityManager,
  workspaceId: string,
  id: string,
  input: { name?: string; draft: unknown },
): Promise<JourneyView> {
  const row = await loadRow(em, workspaceId, id);
  if (row.status === 'archived') throw conflict('The journey is archived; duplicate it to change it');
  const draft = parseGraph(input.draft);
  await sql(
    em,
    `update journeys set draft = ?::jsonb, name = coalesce(?, name), updated_at = now() where id = ?`,
    [JSON.stringify(draft), input.name?.trim() || null, id],
  );
  return getJourney(em, workspaceId, id);
}

/**
 * Publishes the draft as the next immutable version, its sends pinned to their templates' newest published
 * versions, and makes it the one new contacts enter; contacts already inside finish on the version they entered.
 * Refused, naming the first problem, while the draft has any.
 */
export async function publishJourney(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
): Promise<{ version: number; versionId: string; changes: string[] }> {
  return em.transactional(async (tx) => {
    const row = await loadRow(tx, workspaceId, id);
    await sql(tx, 'select id from journeys where id = ? for update', [id]);
    if (row.status === 'archived') throw conflict('The journey is archived; duplicate it to change it');
    const draft = parseGraph(row.draft);
    const { context, latestVersions } = await validationContext(tx, workspaceId);
    const problems = validateJourney(draft, context);
    if (problems.length)
      throw validationError(
        problems[0]!.nodeId ? `draft.nodes.${problems[0]!.nodeId}` : 'draft',
        `${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
      );
    const pinned: Record<string, string> = {};
    for (const node of draft.nodes)
      if (node.type === 'send' && node.config.templateId)
        pinned[node.config.templateId] = latestVersions.get(node.config.templateId)!;
    const [previous] = await sql<{ graph: unknown }>(
      tx,
      'select graph from journey_versions where journey_id = ? order by version desc limit 1',
      [id],
    );
    const version = (row.live_version ?? 0) + 1;
    const versionId = randomUUID();
    await sql(
      tx,
      `insert into journey_versions (id, journey_id, version, graph, template_versions, published_by_id, published_at)
       values (?, ?, ?, ?::jsonb, ?::jsonb, ?, now())`,
      [
        versionId,
        id,
        version,
        JSON.stringify(draft),
        JSON.stringify(pinned),
        actor.type === 'user' ? actor.id : null,
      ],
    );
    await sql(tx, `update journeys set live_version = ?, status = 'live', updated_at = now() where id = ?`, [
      version,
      id,
    ]);
    const changes = describeChanges(previous ? parseGraph(previous.graph) : null, draft);
    recordAudit(tx, {
      workspaceId,
      actor,
      action: 'journey.published',
      target: { type: 'journey', id },
      details: { version, changes },
    });
    await tx.flush();
    return { version, versionId, changes };
  });
}

/** Pausing lets no new contact in (those inside go on); resuming opens it again; archiving ends entries for good. */
export async function setJourneyStatus(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
  action: 'pause' | 'resume' | 'archive',
): Promise<JourneyView> {
  const row = await loadRow(em, workspaceId, id);
  const allowed = { pause: ['live'], resume: ['paused'], archive: ['draft', 'live', 'paused'] }[action];
  if (!allowed.includes(row.status)) throw conflict(`A ${row.status} journey cannot be ${action}d`);
  const status = { pause: 'paused', resume: 'live', archive: 'archived' }[action];
  await sql(em, 'update journeys set status = ?, updated_at = now() where id = ?', [status, id]);
  recordAudit(em, { workspaceId, actor, action: `journey.${action}d`, target: { type: 'journey', id } });
  await em.flush();
  return getJourney(em, workspaceId, id);
}

/** The journey list: status, live version, and how many entered, are inside now and converted. */
export async function listJourneys(em: EntityManager, workspaceId: string) {
  const rows = await sql<{
    id: string;
    name: string;
    status: JourneyRow['status'];
    live_version: number | null;
    updated_at: Date;
    entered: string;
    active: string;
    converted: string;
  }>(
    em,
    `select j.id, j.name, j.status, j.live_version, j.updated_at,
       (select count(*) from journey_instances i where i.journey_id = j.id) as entered,
       (select count(*) from journey_instances i where i.journey_id = j.id and i.status = 'active') as active,
       (select count(*) from journey_instances i where i.journey_id = j.id and i.status = 'converted') as converted
     from journeys j where j.workspace_id = ? and j.status <> 'archived' order by j.updated_at desc`,
    [workspaceId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    liveVersion: r.live_version,
    updatedAt: new Date(r.updated_at).toISOString(),
    entered: Number(r.entered),
    active: Number(r.active),
    converted: Number(r.converted),
  }));
}
