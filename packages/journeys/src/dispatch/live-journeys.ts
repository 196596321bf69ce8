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

/**
 * The live journeys and their triggers. Each look costs one tiny query (when did any journey last change?), and
 * the journeys are re-read only when something changed: an event dispatched after a journey went live enters it.
 * Versions are immutable, so each graph is parsed once.
 */
export class LiveJourneys {
  private loaded: { stamp: string; index: LiveJourneyIndex } | null = null;
  private readonly graphs = new Map<string, JourneyGraph>();

  async index(em: EntityManager): Promise<LiveJourneyIndex> {
    const [stamp] = await sql<{ stamp: string }>(
      em,
      `select count(*) || ':' || coalesce(max(updated_at)::text, '') as stamp from journeys`,
    );
    if (this.loaded && this.loaded.stamp === stamp?.stamp) return this.loaded.index;
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
    this.loaded = { stamp: stamp?.stamp ?? '', index };
    return index;
  }

  static key = indexKey;
}
