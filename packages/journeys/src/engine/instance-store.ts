import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST, type ContactRow } from '@switchboard/contacts';
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

/** An instance's version never changes: one read per instance per process (a bounded map, oldest out first). */
export class InstanceVersions {
  private readonly byInstance = new Map<string, string>();

  constructor(private readonly limit = 20_000) {}

  async of(em: EntityManager, instanceId: string): Promise<string | null> {
    const known = this.byInstance.get(instanceId);
    if (known) return known;
    const [row] = await sql<{ version_id: string }>(
      em,
      'select version_id from journey_instances where id = ?',
      [instanceId],
    );
    if (!row) return null;
    if (this.byInstance.size >= this.limit) this.byInstance.delete(this.byInstance.keys().next().value!);
    this.byInstance.set(instanceId, row.version_id);
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
      if (this.versions.size >= this.limit) this.versions.delete(this.versions.keys().next().value!);
      this.versions.set(versionId, version);
    }
    return version;
  }
}

export async function loadInstance(em: EntityManager, instanceId: string): Promise<InstanceRow | null> {
  const [row] = await sql<InstanceRow>(
    em,
    `select i.id, i.workspace_id, i.journey_id, i.version_id, i.contact_id, i.key, i.status, i.current_node,
       i.workflow_id, i.trigger_data, i.entered_at, j.name as journey_name, j.status as journey_status,
       c.email as contact_email, c.phone as contact_phone, c.wechat_id as contact_wechat_id
     from journey_instances i join journeys j on j.id = i.journey_id left join contacts c on c.id = i.contact_id
     where i.id = ?`,
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
 * `recordStep` for an instance that may have ended meanwhile, in one statement: while it is active the position
 * moves, the waits named in `dropWaits` go and the step events are written; once it has ended nothing is. Returns
 * whether it was active. One round trip instead of a read and a write: the steps that call it run for every
 * contact at every step.
 */
export async function recordActiveStep(
  em: EntityManager,
  instanceId: string,
  nodeId: string,
  outcomes: string[],
  detail: Record<string, unknown> | null = null,
  dropWaits: string[] = [],
  /** Record only if no event of this visit of the step is recorded yet (for records a retried activity repeats). */
  onceForVisit?: number,
): Promise<boolean> {
  const once =
    onceForVisit === undefined
      ? ''
      : `and not exists (select 1 from journey_step_events e where e.instance_id = i.id and e.node_id = ?
           and e.detail->>'visit' = ?)`;
  const rows = await sql<{ instance_id: string }>(
    em,
    `with moved as (
       update journey_instances i set current_node = ? where id = ? and status = 'active' ${once}
       returning id, journey_id
     ), dropped as (
       delete from journey_waits w using moved where w.instance_id = moved.id and w.event_name = any(${TEXT_LIST})
     )
     insert into journey_step_events (journey_id, instance_id, node_id, outcome, detail, at)
     select moved.journey_id, moved.id, ?, o, ?::jsonb, clock_timestamp()
     from moved, unnest(${TEXT_LIST}) with ordinality as t(o, n) order by n
     returning instance_id`,
    [
      nodeId,
      instanceId,
      ...(onceForVisit === undefined ? [] : [nodeId, String(onceForVisit)]),
      list(dropWaits),
      nodeId,
      detail || onceForVisit !== undefined
        ? JSON.stringify({ ...detail, ...(onceForVisit === undefined ? {} : { visit: onceForVisit }) })
        : null,
      list(outcomes),
    ],
  );
  return rows.length > 0;
}

/** Ends an instance (once): its status, the step it ended at, and it stops being signalled. */
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
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const ended = await sql(
      tx,
      `update journey_instances set status = ?, end_reason = ?, finished_at = now(),
         current_node = coalesce(?, current_node)
       where id = ? and status = 'active' returning id`,
      [end.status, end.reason.slice(0, 200), end.nodeId, instance.id],
    );
    await sql(tx, 'delete from journey_waits where instance_id = ?', [instance.id]);
    if (ended.length && end.nodeId && end.arrived)
      await sql(
        tx,
        `insert into journey_step_events (journey_id, instance_id, node_id, outcome, at)
         values (?, ?, ?, 'reached', clock_timestamp())`,
        [instance.journey_id, instance.id, end.nodeId],
      );
    if (ended.length && end.nodeId)
      await sql(
        tx,
        `insert into journey_step_events (journey_id, instance_id, node_id, outcome, detail, at)
         values (?, ?, ?, ?, ?::jsonb, clock_timestamp())`,
        [instance.journey_id, instance.id, end.nodeId, end.status, JSON.stringify({ reason: end.reason })],
      );
    return ended.length > 0;
  });
}
