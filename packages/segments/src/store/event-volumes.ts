import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { STATIC_LIST, type CompileContext, type EventVolumes } from '../compiler/compile-segment.ts';
import type { SegmentGroup } from '../rules/segment-rules.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const key = (name: string, since: Date) => `${since.getTime()} ${name}`;

/** PostgreSQL's estimate of the rows a query returns: costs one planning, no execution. */
async function plannedRows(em: EntityManager, query: string, params: unknown[]): Promise<number> {
  const [row] = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    em,
    `explain (format json) ${query}`,
    params,
  );
  return row?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
}

/** The event names and periods a rule tree asks about, through the segments it refers to. */
function eventQuestions(rules: SegmentGroup, context: CompileContext) {
  const found = new Map<string, { name: string; since: Date }>();
  const visit = (group: SegmentGroup, seen: Set<string>) => {
    for (const condition of group.conditions) {
      if (condition.kind === 'group') visit(condition, seen);
      else if (condition.kind === 'event' || condition.kind === 'engagement') {
        const name = condition.kind === 'event' ? condition.name : `${condition.channel}_${condition.action}`;
        const since = new Date(context.now.getTime() - condition.withinDays * DAY_MS);
        found.set(key(name, since), { name, since });
      } else if (condition.kind === 'segment' && !seen.has(condition.segmentId)) {
        const tree = context.resolveSegment?.(condition.segmentId);
        if (tree && tree !== STATIC_LIST) visit(tree, new Set([...seen, condition.segmentId]));
      }
    }
  };
  visit(rules, new Set());
  return [...found.values()];
}

/**
 * The estimates that let the compiler choose, per event condition, between probing each contact and reading the
 * period's events once (see EventVolumes). For whole-workspace evaluations — counts, exports, audiences, full
 * membership recomputes; evaluations scoped to a few contacts should leave them out and probe.
 */
export async function estimateEventVolumes(
  em: EntityManager,
  context: CompileContext,
  rules: SegmentGroup,
): Promise<EventVolumes> {
  const questions = eventQuestions(rules, context);
  const estimates = new Map<string, number>();
  const contacts = await plannedRows(em, 'select 1 from contacts c where c.workspace_id = ?', [
    context.workspaceId,
  ]);
  for (const { name, since } of questions)
    estimates.set(
      key(name, since),
      await plannedRows(
        em,
        'select 1 from events e where e.workspace_id = ? and e.name = ? and e.occurred_at >= ?',
        [context.workspaceId, name, since],
      ),
    );
  return { contacts, events: (name, since) => estimates.get(key(name, since)) };
}

/** The context with estimates for evaluating `rules` across the whole workspace. */
export async function forWholeWorkspace(
  em: EntityManager,
  context: CompileContext,
  rules: SegmentGroup,
): Promise<CompileContext> {
  return { ...context, eventVolumes: await estimateEventVolumes(em, context, rules) };
}
