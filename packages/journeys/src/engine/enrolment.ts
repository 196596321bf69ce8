import { createHash } from 'node:crypto';
import type { EntityManager } from '@switchboard/db';
import { sql, uuidV7 } from '@switchboard/contacts';
import { journeyGraphSchema, type JourneyGraph } from '../definition/journey-graph.ts';
import { journeyWideEventNames } from './journey-events.ts';

export interface EnrolCandidate {
  contactId: string;
  /** The trigger key's value ('' when the journey is not keyed). */
  key: string;
  /** What enrols: `event:<id>`, `api:<Idempotency-Key>`, `segment:<event id>`, `date:<day>`, `manual:<id>:<contact>`. */
  triggerRef: string;
  /** What the templates see as `event`. */
  triggerData: Record<string, unknown>;
}

export interface LiveJourney {
  journeyId: string;
  workspaceId: string;
  versionId: string;
  graph: JourneyGraph;
}

export interface Admitted {
  instanceId: string;
  workflowId: string;
  contactId: string;
  triggerRef: string;
}

/**
 * One workflow id per journey, contact and key: a second trigger while an instance runs lands on the same workflow.
 * The key is hashed (it may be anything the customer's events carry).
 */
export function journeyWorkflowId(journeyId: string, contactId: string, key: string): string {
  const keyPart = key ? `-${createHash('sha256').update(key).digest('hex').slice(0, 20)}` : '';
  return `journey-${journeyId}-${contactId}${keyPart}`;
}

/** The live version of a journey (any workspace when `workspaceId` is left out), or null when it is not live. */
export async function liveJourney(
  em: EntityManager,
  journeyId: string,
  workspaceId?: string,
): Promise<LiveJourney | null> {
  const [row] = await sql<{ id: string; workspace_id: string; version_id: string; graph: unknown }>(
    em,
    `select j.id, j.workspace_id, v.id as version_id, v.graph from journeys j
       join journey_versions v on v.journey_id = j.id and v.version = j.live_version
     where j.id = ? and j.status = 'live' ${workspaceId ? 'and j.workspace_id = ?' : ''}`,
    workspaceId ? [journeyId, workspaceId] : [journeyId],
  );
  if (!row) return null;
  return {
    journeyId: row.id,
    workspaceId: row.workspace_id,
    versionId: row.version_id,
    graph: journeyGraphSchema.parse(row.graph),
  };
}

/** SQL deciding whether an earlier instance `i` keeps the candidate out, by the journey's re-entry rule. */
function blockingEarlierInstance(reentry: JourneyGraph['settings']['reentry']): {
  sql: string;
  params: unknown[];
} {
  if (reentry.mode === 'never') return { sql: 'true', params: [] };
  if (reentry.mode === 'always') return { sql: 'false', params: [] };
  return { sql: `i.entered_at > now() - make_interval(days => ?)`, params: [reentry.days] };
}

/**
 * Admits contacts into a live journey in one statement: each candidate becomes an active instance unless the contact
 * is not in the workspace, is already active in this journey (for this key), is kept out by the re-entry rule, or
 * its trigger already enrolled. Concurrent admissions are settled by the database's unique indexes, so a trigger
 * delivered twice, by two processes at once, enrols once. The journey's goals and segment exit start listening.
 */
export async function admitContacts(
  em: EntityManager,
  journey: LiveJourney,
  candidates: EnrolCandidate[],
): Promise<Admitted[]> {
  if (candidates.length === 0) return [];
  const rows = candidates.map((c) => ({
    id: uuidV7(),
    contact: c.contactId,
    key: c.key,
    ref: c.triggerRef.slice(0, 300),
    data: c.triggerData,
    wf: journeyWorkflowId(journey.journeyId, c.contactId, c.key),
  }));
  const blocking = blockingEarlierInstance(journey.graph.settings.reentry);
  const listening = journeyWideEventNames(journey.graph.settings);
  return em.transactional(async (tx) => {
    const admitted = await sql<{ id: string; contact_id: string; workflow_id: string; trigger_ref: string }>(
      tx,
      `insert into journey_instances (id, workspace_id, journey_id, version_id, contact_id, key, status, workflow_id,
         trigger_ref, trigger_data, entered_at)
       select c.id, ?, ?, ?, c.contact, c.key, 'active', c.wf, c.ref, c.data, now()
       from jsonb_to_recordset(?::jsonb) as c(id uuid, contact uuid, key text, ref text, data jsonb, wf text)
       join contacts k on k.id = c.contact and k.workspace_id = ?
       where not exists (select 1 from journey_instances i where i.journey_id = ? and i.contact_id = c.contact
         and i.key = c.key and (i.status = 'active' or ${blocking.sql}))
       on conflict do nothing
       returning id, contact_id, workflow_id, trigger_ref`,
      [
        journey.workspaceId,
        journey.journeyId,
        journey.versionId,
        JSON.stringify(rows),
        journey.workspaceId,
        journey.journeyId,
        ...blocking.params,
      ],
    );
    if (admitted.length > 0 && listening.length > 0)
      await sql(
        tx,
        `insert into journey_waits (instance_id, event_name, workspace_id, contact_id, workflow_id)
         select i.id, n, ?, i.contact, i.wf from jsonb_to_recordset(?::jsonb) as i(id uuid, contact uuid, wf text)
           cross join unnest(?::text[]) as n
         on conflict do nothing`,
        [
          journey.workspaceId,
          JSON.stringify(admitted.map((a) => ({ id: a.id, contact: a.contact_id, wf: a.workflow_id }))),
          `{${listening.map((n) => `"${n.replace(/["\\]/g, '\\$&')}"`).join(',')}}`,
        ],
      );
    return admitted.map((a) => ({
      instanceId: a.id,
      workflowId: a.workflow_id,
      contactId: a.contact_id,
      triggerRef: a.trigger_ref,
    }));
  });
}

/** Admitted instances no workflow has taken up for five minutes (a crash between admission and start). */
export async function instancesNotStarted(em: EntityManager, limit = 1000): Promise<Admitted[]> {
  const rows = await sql<{ id: string; workflow_id: string; contact_id: string; trigger_ref: string }>(
    em,
    `select id, workflow_id, contact_id, trigger_ref from journey_instances
     where started_at is null and status = 'active' and entered_at < now() - interval '5 minutes'
     order by entered_at limit ?`,
    [limit],
  );
  return rows.map((r) => ({
    instanceId: r.id,
    workflowId: r.workflow_id,
    contactId: r.contact_id,
    triggerRef: r.trigger_ref,
  }));
}
