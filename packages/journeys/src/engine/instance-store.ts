import type { EntityManager } from '@switchboard/db';
import { list, OPAQUE_TEXT_LIST, sql, TEXT_LIST, type ContactRow } from '@switchboard/contacts';
import type { JourneyGraph } from '../definition/journey-graph.ts';

export type InstanceStatus = 'active' | 'completed' | 'converted' | 'exited' | 'failed';

export interface InstanceRow {
  id: string;
  workspace_id: string;
  journey_id: string;
  version_id: string;
  contact_id: string;
  key: string;
  status: InstanceStatus;
  current_node: string | null;
  workflow_id: string;
  trigger_data: Record<string, unknown>;
  entered_at: Date;
  journey_name: string;
  journey_status: 'draft' | 'live' | 'paused' | 'archived';
  /** The contact's address on each channel (null without one, or when the contact is gone): read with the instance,
   * since a send step needs nothing else of the contact before the gate reads it. */
  contact_email: string | null;
  contact_phone: string | null;
  contact_wechat_id: string | null;
}

export interface VersionRow {
  id: string;
  graph: JourneyGraph;
  template_versions: Record<string, string>;
}

/** Keeps at most `limit` entries: the oldest goes first. */
function setBounded<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  if (!map.has(key) && map.size >= limit) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/**
 * An instance's version never changes: one read per instance per process (a bounded map, oldest out first). The
 * admission of an instance tells it, so the steps the same worker runs next need no read at all.
 */
export class InstanceVersions {
  private readonly byInstance = new Map<string, string>();

  constructor(private readonly limit = 20_000) {}

  remember(instanceId: string, versionId: string): void {
    setBounded(this.byInstance, instanceId, versionId, this.limit);
  }

  async of(em: EntityManager, instanceId: string): Promise<string | null> {
    const known = this.byInstance.get(instanceId);
    if (known) return known;
    const [row] = await sql<{ version_id: string }>(
      em,
      'select version_id from journey_instances where id = ?',
      [instanceId],
    );
    if (!row) return null;
    this.remember(instanceId, row.version_id);
    return row.version_id;
  }
}

/** Published versions never change: one read per version per process. */
export class VersionCache {
  private readonly versions = new Map<string, Promise<VersionRow | null>>();

  constructor(private readonly limit = 500) {}

  get(em: EntityManager, versionId: string): Promise<VersionRow | null> {
    let version = this.versions.get(versionId);
    if (!version) {
      version = sql<VersionRow>(
        em,
        'select id, graph, template_versions from journey_versions where id = ?',
        [versionId],
      ).then((rows) => rows[0] ?? null);
      version.catch(() => this.versions.delete(versionId));
      setBounded(this.versions, versionId, version, this.limit);
    }
    return version;
  }
}

/** What `loadInstance` reads besides the instance's own columns (aliases `i`), from its journey and contact. */
const INSTANCE_CONTEXT = `j.name as journey_name, j.status as journey_status,
  c.email as contact_email, c.phone as contact_phone, c.wechat_id as contact_wechat_id`;
const INSTANCE_JOINS = 'join journeys j on j.id = i.journey_id left join contacts c on c.id = i.contact_id';
/** The instance's own columns of an `InstanceRow`, as an update returns them. */
const INSTANCE_COLUMNS = `id, workspace_id, journey_id, version_id, contact_id, key, status, current_node, workflow_id,
  trigger_data, entered_at`;

export async function loadInstance(em: EntityManager, instanceId: string): Promise<InstanceRow | null> {
  const [row] = await sql<InstanceRow>(
    em,
    `select i.id, i.workspace_id, i.journey_id, i.version_id, i.contact_id, i.key, i.status, i.current_node,
       i.workflow_id, i.trigger_data, i.entered_at, ${INSTANCE_CONTEXT}
     from journey_instances i ${INSTANCE_JOINS} where i.id = ?`,
    [instanceId],
  );
  return row ?? null;
}

export async function loadContact(em: EntityManager, contactId: string): Promise<ContactRow | null> {
  const [row] = await sql<ContactRow>(em, 'select * from contacts where id = ?', [contactId]);
  return row ?? null;
}

/**
 * Records what happened at a step and, while the instance is active, that it is there now. The step event and the
 * position move together, so the canvas's "waiting now" and its counts never disagree.
 */
export async function recordStep(
  em: EntityManager,
  instance: Pick<InstanceRow, 'id' | 'journey_id'>,
  nodeId: string,
  outcomes: string[],
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await sql(
    em,
    `with moved as (update journey_instances set current_node = ? where id = ? and status = 'active')
     insert into journey_step_events (journey_id, instance_id, node_id, outcome, detail, at)
     select ?, ?, ?, o, ?::jsonb, clock_timestamp() from unnest(${TEXT_LIST}) with ordinality as t(o, n) order by n`,
    [
      nodeId,
      instance.id,
      instance.journey_id,
      instance.id,
      nodeId,
      detail ? JSON.stringify(detail) : null,
      list(outcomes),
    ],
  );
}

/**
 * One step event to write. `once` makes it conditional: nothing is written when the step already has an event whose
 * detail carries the same value under that key (with the same outcome, unless `anyOutcome`), because a retried
 * activity repeats its records. Records are written only while the instance is active, except `evenIfEnded` ones
 * (what became of a message that went out is worth knowing after the instance ended too).
 */
export interface StepRecord {
  nodeId: string;
  outcome: string;
  detail?: Record<string, unknown> | null;
  once?: { key: 'visit' | 'messageId'; value: string; anyOutcome?: boolean };
  evenIfEnded?: boolean;
}

/** A record made once per visit of its step; the visit is kept in its detail. */
export function perVisit(
  nodeId: string,
  outcome: string,
  visit: number,
  detail: Record<string, unknown> | null = null,
): StepRecord {
  return { nodeId, outcome, detail: { ...detail, visit }, once: { key: 'visit', value: String(visit) } };
}

/** The parameters of `stepRowsInsert`: the records as parallel arrays, in order, then the instance. */
function stepRows(instanceId: string, records: StepRecord[]) {
  return [
    list(records.map((r) => r.nodeId)),
    list(records.map((r) => r.outcome)),
    list(records.map((r) => (r.detail ? JSON.stringify(r.detail) : null))),
    list(records.map((r) => r.once?.key ?? null)),
    list(records.map((r) => r.once?.value ?? null)),
    list(records.map((r) => String(!!r.once?.anyOutcome))),
    list(records.map((r) => String(!!r.evenIfEnded))),
    instanceId,
  ];
}

/**
 * Inserts the records of `stepRows(...)`, in order, skipping those a retry already wrote and, unless `evenIfEnded`,
 * all of them when the CTE `changed` (the statement's update of the active instance) has no row. The guard reads the
 * statement's snapshot, so the records of one call never see each other.
 */
const stepRowsInsert = (changed: string) => `
  insert into journey_step_events (journey_id, instance_id, node_id, outcome, detail, at)
  select o.journey_id, o.id, t.node, t.outcome, t.detail::jsonb, clock_timestamp()
  from journey_instances o,
    unnest(
      ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST}, ${OPAQUE_TEXT_LIST},
      ${OPAQUE_TEXT_LIST}::boolean[], ${OPAQUE_TEXT_LIST}::boolean[]
    )
      with ordinality as t(node, outcome, detail, guard_key, guard_value, any_outcome, even_if_ended, n)
  where o.id = ? and (t.even_if_ended or exists (select 1 from ${changed}))
    and (t.guard_key is null or not exists (
      select 1 from journey_step_events e
      where e.instance_id = o.id and e.node_id = t.node and e.detail->>t.guard_key = t.guard_value
        and (t.any_outcome or e.outcome = t.outcome)
    ))
  order by t.n`;

/**
 * Step events for an instance that may have ended meanwhile, in one statement: while it is active it moves to
 * `moveTo`, the waits named in `dropWaits` go and the records are written (possibly at several steps: a send also
 * writes the end of the wait before it); once it has ended only `evenIfEnded` records are. Returns whether it was
 * active. One round trip instead of a read and writes: these run for every contact at every step.
 */
export async function recordSteps(
  em: EntityManager,
  instanceId: string,
  moveTo: string,
  records: StepRecord[],
  dropWaits: string[] = [],
): Promise<boolean> {
  const [row] = await sql<{ active: number }>(
    em,
    `with moved as (
       update journey_instances set current_node = ? where id = ? and status = 'active' returning id, journey_id
     ), dropped as (
       delete from journey_waits w using moved where w.instance_id = moved.id and w.event_name = any(${OPAQUE_TEXT_LIST})
     ), written as (${stepRowsInsert('moved')})
     select count(*)::int as active from moved`,
    [moveTo, instanceId, list(dropWaits), ...stepRows(instanceId, records)],
  );
  return Number(row?.active) > 0;
}

/**
 * `recordSteps` for an instance the caller has not read yet: the same statement returns the instance (as
 * `loadInstance` reads it, at `moveTo` now) while it is active, or null once it has ended. A send step runs for every
 * contact: the read and the arrival in one round trip.
 */
export async function arriveWithInstance(
  em: EntityManager,
  instanceId: string,
  moveTo: string,
  records: StepRecord[],
  dropWaits: string[] = [],
): Promise<InstanceRow | null> {
  const [row] = await sql<InstanceRow>(
    em,
    `with moved as (
       update journey_instances set current_node = ? where id = ? and status = 'active'
       returning ${INSTANCE_COLUMNS}
     ), dropped as (
       delete from journey_waits w using moved where w.instance_id = moved.id and w.event_name = any(${OPAQUE_TEXT_LIST})
     ), written as (${stepRowsInsert('moved')})
     select i.*, ${INSTANCE_CONTEXT} from moved i ${INSTANCE_JOINS}`,
    [moveTo, instanceId, list(dropWaits), ...stepRows(instanceId, records)],
  );
  return row ?? null;
}

/** `recordSteps` at one step: its outcomes in order, optionally once per visit. */
export async function recordActiveStep(
  em: EntityManager,
  instanceId: string,
  nodeId: string,
  outcomes: string[],
  detail: Record<string, unknown> | null = null,
  dropWaits: string[] = [],
  /** Record only if this visit of the step has no such event yet (for records a retried activity repeats). */
  onceForVisit?: number,
): Promise<boolean> {
  const records = outcomes.map((outcome) =>
    onceForVisit === undefined
      ? { nodeId, outcome, detail }
      : perVisit(nodeId, outcome, onceForVisit, detail),
  );
  return recordSteps(em, instanceId, nodeId, records, dropWaits);
}

/**
 * Ends an instance (once), in one statement: its status, the step it ended at, and it stops being signalled.
 * `before`: records that precede the end (the outcome of the send that led to it), written first.
 */
export async function finishInstance(
  em: EntityManager,
  instance: Pick<InstanceRow, 'id' | 'journey_id'>,
  end: {
    nodeId: string | null;
    status: Exclude<InstanceStatus, 'active'>;
    reason: string;
    /** The instance ends by arriving at this step (a goal or exit), not while it was at it. */
    arrived?: boolean;
  },
  before: StepRecord[] = [],
): Promise<boolean> {
  const records: StepRecord[] = [...before];
  if (end.nodeId) {
    // Ending on a goal or exit step is arriving there: the canvas counts it as reached, like any other step.
    if (end.arrived) records.push({ nodeId: end.nodeId, outcome: 'reached' });
    records.push({ nodeId: end.nodeId, outcome: end.status, detail: { reason: end.reason } });
  }
  const [row] = await sql<{ ended: number }>(
    em,
    `with ended as (
       update journey_instances set status = ?, end_reason = ?, finished_at = now(),
         current_node = coalesce(?, current_node)
       where id = ? and status = 'active' returning id, journey_id
     ), dropped as (
       delete from journey_waits where instance_id = ?
     ), written as (${stepRowsInsert('ended')})
     select count(*)::int as ended from ended`,
    [
      end.status,
      end.reason.slice(0, 200),
      end.nodeId,
      instance.id,
      instance.id,
      ...stepRows(instance.id, records),
    ],
  );
  return Number(row?.ended) > 0;
}
