import type { EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { journeyGraphSchema, type JourneyGraph, type JourneyTrigger } from '../definition/journey-graph.ts';
import type { LiveJourney } from '../engine/enrolment.ts';

export interface TriggeredJourney extends LiveJourney {
  trigger: JourneyTrigger;
}

/** Live journeys by how they are entered, per workspace. */
export interface LiveJourneyIndex {
  byEvent: Map<string, TriggeredJourney[]>;
  bySegment: Map<string, TriggeredJourney[]>;
  byDate: TriggeredJourney[];
}

const indexKey = (workspaceId: string, name: string) => `${workspaceId}\u0000${name}`;

/** When did any journey last change (a count catches deletions): the SQL, for a caller that reads it with more. */
export const JOURNEYS_STAMP_SQL = `select count(*) || ':' || coalesce(max(updated_at)::text, '') from journeys`;

/**
 * The live journeys and their triggers. Each look costs one tiny query (when did any journey last change?), and
 * the journeys are re-read only when something changed: an event dispatched after a journey went live enters it.
 * Versions are immutable, so each graph is parsed once.
 */
export class LiveJourneys {
  private loaded: { stamp: string; index: LiveJourneyIndex } | null = null;
  private readonly graphs = new Map<string, JourneyGraph>();

  /** `knownStamp`: the stamp read in the same statement as the events being dispatched (saves a query). */
  async index(em: EntityManager, knownStamp?: string): Promise<LiveJourneyIndex> {
    const stamp =
      knownStamp ?? (await sql<{ stamp: string }>(em, `${JOURNEYS_STAMP_SQL} as stamp`))[0]?.stamp ?? '';
    if (this.loaded && this.loaded.stamp === stamp) return this.loaded.index;
    const rows = await sql<{ id: string; workspace_id: string; version_id: string; graph: unknown }>(
      em,
      `select j.id, j.workspace_id, v.id as version_id, v.graph from journeys j
         join journey_versions v on v.journey_id = j.id and v.version = j.live_version
       where j.status = 'live'`,
    );
    const index: LiveJourneyIndex = { byEvent: new Map(), bySegment: new Map(), byDate: [] };
    for (const row of rows) {
      let graph = this.graphs.get(row.version_id);
      if (!graph) {
        graph = journeyGraphSchema.parse(row.graph);
        this.graphs.set(row.version_id, graph);
      }
      const entry = graph.nodes.find((n) => n.type === 'trigger');
      if (!entry || entry.type !== 'trigger') continue;
      const journey: TriggeredJourney = {
        journeyId: row.id,
        workspaceId: row.workspace_id,
        versionId: row.version_id,
        graph,
        trigger: entry.config,
      };
      const add = (map: Map<string, TriggeredJourney[]>, key: string) =>
        map.set(key, [...(map.get(key) ?? []), journey]);
      if (entry.config.kind === 'event') add(index.byEvent, indexKey(row.workspace_id, entry.config.event));
      else if (entry.config.kind === 'segment')
        add(index.bySegment, indexKey(row.workspace_id, entry.config.segmentId));
      else if (entry.config.kind === 'date') index.byDate.push(journey);
    }
    this.loaded = { stamp, index };
    return index;
  }

  static key = indexKey;
}
