import type { EntityManager } from '@switchboard/db';
import { notFound } from '@switchboard/accounts';
import { requireContact, sql } from '@switchboard/contacts';
import { journeyGraphSchema } from '../definition/journey-graph.ts';

export interface StepCounts {
  /** Instances that reached the step in the period. */
  reached: number;
  /** Instances at the step now (active), whatever the period. */
  waitingNow: number;
  /** How often each outlet or outcome was taken: yes/no, a…e, received/timeout, sent/suppressed/failed… */
  outcomes: Record<string, number>;
  /** Of those that reached the step, how many have since converted. */
  convertedAfter: number;
  /** Instances that ended here early (left the segment, the journey was archived). */
  exitedHere: number;
}

export interface JourneyCounts {
  from: string;
  to: string;
  totals: { entered: number; active: number; completed: number; converted: number; exited: number };
  steps: Record<string, StepCounts>;
}

/** What the canvas draws on each step for a period: reached, waiting now, each branch taken, converted after, exited. */
export async function journeyCounts(
  em: EntityManager,
  workspaceId: string,
  journeyId: string,
  period: { from: Date; to: Date },
): Promise<JourneyCounts> {
  const [journey] = await sql(em, 'select 1 from journeys where id = ? and workspace_id = ?', [
    journeyId,
    workspaceId,
  ]);
  if (!journey) throw notFound('Journey');
  const [outcomes, waiting, converted, totals] = await Promise.all([
    sql<{ node_id: string; outcome: string; count: string }>(
      em,
      `select node_id, outcome, count(*) from journey_step_events
       where journey_id = ? and at >= ? and at < ? group by node_id, outcome`,
      [journeyId, period.from, period.to],
    ),
    sql<{ node: string; count: string }>(
      em,
      `select current_node as node, count(*) from journey_instances
       where journey_id = ? and status = 'active' and current_node is not null group by current_node`,
      [journeyId],
    ),
    sql<{ node_id: string; count: string }>(
      em,
      `select e.node_id, count(distinct e.instance_id) from journey_step_events e
         join journey_instances i on i.id = e.instance_id
       where e.journey_id = ? and e.outcome = 'reached' and e.at >= ? and e.at < ? and i.status = 'converted'
       group by e.node_id`,
      [journeyId, period.from, period.to],
    ),
    sql<{ status: string; count: string }>(
      em,
      `select status, count(*) from journey_instances where journey_id = ? and entered_at >= ? and entered_at < ?
       group by status`,
      [journeyId, period.from, period.to],
    ),
  ]);
  const steps: Record<string, StepCounts> = {};
  const step = (id: string) =>
    (steps[id] ??= { reached: 0, waitingNow: 0, outcomes: {}, convertedAfter: 0, exitedHere: 0 });
  for (const row of outcomes) {
    const counts = step(row.node_id);
    const n = Number(row.count);
    if (row.outcome === 'reached') counts.reached = n;
    else if (row.outcome === 'exited') counts.exitedHere = n;
    else counts.outcomes[row.outcome] = n;
  }
  for (const row of waiting) step(row.node).waitingNow = Number(row.count);
  for (const row of converted) step(row.node_id).convertedAfter = Number(row.count);
  const byStatus = Object.fromEntries(totals.map((r) => [r.status, Number(r.count)]));
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    totals: {
      entered: Object.values(byStatus).reduce((a, b) => a + b, 0),
      active: byStatus.active ?? 0,
      completed: byStatus.completed ?? 0,
      converted: byStatus.converted ?? 0,
      exited: (byStatus.exited ?? 0) + (byStatus.failed ?? 0),
    },
    steps,
  };
}

export interface ContactJourney {
  instanceId: string;
  journeyId: string;
  journeyName: string;
  version: number;
  status: string;
  key: string;
  enteredAt: string;
  finishedAt: string | null;
  endReason: string | null;
  /** The step it is at (or ended at), with the builder's label. */
  currentStep: { id: string; label: string; type: string } | null;
  /** What happened at each step, oldest first. */
  history: { stepId: string; label: string; outcome: string; at: string }[];
}

/** The journeys a contact is in or went through: the 360° page's journeys panel. */
export async function contactJourneys(
  em: EntityManager,
  workspaceId: string,
  contactId: string,
  limit = 20,
): Promise<ContactJourney[]> {
  await requireContact(em, workspaceId, contactId);
  const instances = await sql<{
    id: string;
    journey_id: string;
    name: string;
    version: number;
    graph: unknown;
    status: string;
    key: string;
    entered_at: Date;
    finished_at: Date | null;
    end_reason: string | null;
    current_node: string | null;
  }>(
    em,
    `select i.id, i.journey_id, j.name, v.version, v.graph, i.status, i.key, i.entered_at, i.finished_at,
       i.end_reason, i.current_node
     from journey_instances i join journeys j on j.id = i.journey_id join journey_versions v on v.id = i.version_id
     where i.workspace_id = ? and i.contact_id = ? order by i.entered_at desc limit ?`,
    [workspaceId, contactId, limit],
  );
  if (instances.length === 0) return [];
  const events = await sql<{ instance_id: string; node_id: string; outcome: string; at: Date }>(
    em,
    `select instance_id, node_id, outcome, at from journey_step_events where instance_id = any(?::uuid[]) order by id`,
    [`{${instances.map((i) => i.id).join(',')}}`],
  );
  return instances.map((instance) => {
    const graph = journeyGraphSchema.safeParse(instance.graph);
    const nodes = new Map((graph.success ? graph.data.nodes : []).map((n) => [n.id, n]));
    const labelOf = (id: string) => nodes.get(id)?.label ?? id;
    const current = instance.current_node ? nodes.get(instance.current_node) : undefined;
    return {
      instanceId: instance.id,
      journeyId: instance.journey_id,
      journeyName: instance.name,
      version: instance.version,
      status: instance.status,
      key: instance.key,
      enteredAt: new Date(instance.entered_at).toISOString(),
      finishedAt: instance.finished_at ? new Date(instance.finished_at).toISOString() : null,
      endReason: instance.end_reason,
      currentStep: current ? { id: current.id, label: labelOf(current.id), type: current.type } : null,
      history: events
        .filter((e) => e.instance_id === instance.id)
        .map((e) => ({
          stepId: e.node_id,
          label: labelOf(e.node_id),
          outcome: e.outcome,
          at: new Date(e.at).toISOString(),
        })),
    };
  });
}
