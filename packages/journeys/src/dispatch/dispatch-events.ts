import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';
import { admitContacts, type EnrolCandidate, type LiveJourney } from '../engine/enrolment.ts';
import { matchesFilters, triggerKeyOf } from '../engine/property-filters.ts';
import { answersTo, isMachineEngagement, SEGMENT_ENTERED, SEGMENT_EXITED } from '../engine/journey-events.ts';
import { VersionCache } from '../engine/instance-store.ts';
import type { JourneyTemporal } from '../engine/start-instances.ts';
import type { JourneyEventSignal } from '../workflows/journey-signals.ts';
import type { JourneyNode } from '../definition/journey-graph.ts';
import { LiveJourneys } from './live-journeys.ts';

export interface StoredEvent {
  id: number;
  workspace_id: string;
  contact_id: string;
  name: string;
  properties: Record<string, unknown>;
}

type WaitForEventNode = Extract<JourneyNode, { type: 'waitForEvent' }>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WaitRow {
  instance_id: string;
  workflow_id: string;
  event_name: string;
  contact_id: string;
  workspace_id: string;
  key: string;
  version_id: string;
  current_node: string | null;
}

/**
 * The waiting instances of the events' contacts for the events' names. `events` is a SQL expression yielding
 * rows with workspace_id, contact_id and name: the arrays keep the lookup on the journey_waits index (the planner
 * estimates an unnest by its arguments, where a join with the events would be planned for a whole read's size).
 */
export const waitsFor = (arrays: {
  workspaces: string;
  contacts: string;
  names: string;
}) => `select w.instance_id, w.workflow_id, w.event_name, w.contact_id, w.workspace_id, i.key, i.version_id,
         i.current_node
       from journey_waits w join journey_instances i on i.id = w.instance_id and i.status = 'active'
       where (w.workspace_id, w.contact_id, w.event_name) in (
         select * from unnest(${arrays.workspaces}, ${arrays.contacts}, ${arrays.names}))`;

/** What the dispatcher read with the events in one statement; `handle` reads it itself when not given. */
export interface ReadWithEvents {
  /** The live journeys' stamp (LiveJourneys). */
  stamp: string;
  /** The waits of the events' contacts and names (`waitsFor`). */
  waits: WaitRow[];
}

export interface DispatchResult {
  enrolled: number;
  signalled: number;
}

/**
 * What new events mean for journeys: entries (event and segment triggers, keyed per trigger property), and signals
 * for instances that wait for them — a step's event, a goal, or leaving the journey's segment. Waiting instances are
 * found through the journey_waits index by workspace, contact and event name, and names, filters and keys are
 * checked here, so an instance is only signalled by an event it is waiting for.
 */
export class EventDispatch {
  constructor(
    private readonly temporal: JourneyTemporal,
    private readonly journeys = new LiveJourneys(),
    private readonly versions = new VersionCache(),
  ) {}

  async handle(em: EntityManager, events: StoredEvent[], read?: ReadWithEvents): Promise<DispatchResult> {
    const usable = events.filter((e) => !isMachineEngagement(e.name, e.properties));
    if (usable.length === 0) return { enrolled: 0, signalled: 0 };
    const [enrolled, signalled] = await Promise.all([
      this.enrol(em, usable, read?.stamp),
      this.signalWaiting(em, usable, read?.waits),
    ]);
    return { enrolled, signalled };
  }

  private async enrol(em: EntityManager, events: StoredEvent[], stamp?: string): Promise<number> {
    const index = await this.journeys.index(em, stamp);
    const byJourney = new Map<string, { journey: LiveJourney; candidates: EnrolCandidate[] }>();
    const add = (journey: LiveJourney, candidate: EnrolCandidate) => {
      const entry = byJourney.get(journey.journeyId) ?? { journey, candidates: [] };
      entry.candidates.push(candidate);
      byJourney.set(journey.journeyId, entry);
    };
    for (const event of events) {
      if (event.name === SEGMENT_ENTERED) {
        const segmentId = typeof event.properties.segmentId === 'string' ? event.properties.segmentId : '';
        for (const journey of index.bySegment.get(LiveJourneys.key(event.workspace_id, segmentId)) ?? [])
          add(journey, {
            contactId: event.contact_id,
            key: '',
            triggerRef: `event:${event.id}`,
            triggerData: event.properties,
          });
      }
      for (const journey of index.byEvent.get(LiveJourneys.key(event.workspace_id, event.name)) ?? []) {
        if (journey.trigger.kind !== 'event' || !matchesFilters(event.properties, journey.trigger.filters))
          continue;
        const key = triggerKeyOf(event.properties, journey.trigger.key);
        if (key === null) continue;
        add(journey, {
          contactId: event.contact_id,
          key,
          triggerRef: `event:${event.id}`,
          triggerData: event.properties,
        });
      }
    }
    let enrolled = 0;
    for (const { journey, candidates } of byJourney.values()) {
      const admitted = await admitContacts(em, journey, candidates);
      await this.temporal.start(admitted);
      enrolled += admitted.length;
    }
    return enrolled;
  }

  private async signalWaiting(em: EntityManager, events: StoredEvent[], known?: WaitRow[]): Promise<number> {
    const waits =
      known ??
      (await sql<WaitRow>(
        em,
        waitsFor({ workspaces: `${TEXT_LIST}::uuid[]`, contacts: `${TEXT_LIST}::uuid[]`, names: TEXT_LIST }),
        [
          list(events.map((e) => e.workspace_id)),
          list(events.map((e) => e.contact_id)),
          list(events.map((e) => e.name)),
        ],
      ));
    if (waits.length === 0) return 0;
    const senders = await this.sendingInstances(em, events);
    const signals: { workflowId: string; signal: JourneyEventSignal }[] = [];
    for (const wait of waits) {
      const version = await this.versions.get(em, wait.version_id);
      if (!version) continue;
      const { settings, nodes } = version.graph;
      const trigger = nodes.find((n) => n.type === 'trigger');
      const keyPath =
        trigger?.type === 'trigger' && trigger.config.kind === 'event' ? trigger.config.key : undefined;
      const current = nodes.find((n) => n.id === wait.current_node);
      for (const event of events) {
        if (
          event.contact_id !== wait.contact_id ||
          event.name !== wait.event_name ||
          event.workspace_id !== wait.workspace_id
        )
          continue;
        const segmentId = event.properties.segmentId;
        const signal = (kind: JourneyEventSignal['kind'], nodeId: string | null, answers?: string[]) =>
          signals.push({
            workflowId: wait.workflow_id,
            signal: {
              instanceId: wait.instance_id,
              eventId: String(event.id),
              kind,
              nodeId,
              ...(answers && answers.length > 0 ? { answers } : {}),
            },
          });
        const isGoal = settings.goals.some((goal) =>
          goal.kind === 'event'
            ? answersTo(event.name, goal.event) && matchesFilters(event.properties, goal.filters)
            : event.name === SEGMENT_ENTERED && segmentId === goal.segmentId,
        );
        const awaits = (node: JourneyNode | undefined): node is WaitForEventNode =>
          node?.type === 'waitForEvent' &&
          answersTo(event.name, node.config.event) &&
          matchesFilters(event.properties, node.config.filters) &&
          (!node.config.matchTriggerKey || triggerKeyOf(event.properties, keyPath) === wait.key) &&
          // An open or click of a message answers the instance that sent it, not the contact's other instances.
          (!senders.has(event.id) || senders.get(event.id) === wait.instance_id);
        if (isGoal) {
          // Steps waiting for this very event whose path goes straight to a goal step: an instance there follows
          // the path, so the canvas counts the conversion on the goal step the marketer drew.
          const answers = nodes
            .filter(awaits)
            .filter((n) => nodes.find((g) => g.id === n.next.received)?.type === 'goal')
            .map((n) => n.id);
          signal('goal', null, answers);
        } else if (event.name === SEGMENT_EXITED && segmentId === settings.exitOnLeavingSegment)
          signal('exit', null);
        else if (awaits(current)) signal('received', current.id);
      }
    }
    await Promise.all(signals.map(({ workflowId, signal }) => this.temporal.signal(workflowId, signal)));
    return signals.length;
  }

  /**
   * For opens and clicks of a message a journey sent: event id → the instance that sent it (null for a message
   * sent by something else: a campaign's open does not answer a journey's wait for an open).
   */
  private async sendingInstances(
    em: EntityManager,
    events: StoredEvent[],
  ): Promise<Map<number, string | null>> {
    const engagements = events.filter(
      (e) =>
        /_(opened|clicked)$/.test(e.name) &&
        typeof e.properties.messageId === 'string' &&
        UUID.test(e.properties.messageId),
    );
    if (engagements.length === 0) return new Map();
    const rows = await sql<{ id: string; idempotency_key: string | null; source_kind: string }>(
      em,
      `select id, idempotency_key, source_kind from messages where id = any(${TEXT_LIST}::uuid[])`,
      [list(engagements.map((e) => String(e.properties.messageId)))],
    );
    const instanceOf = new Map(
      rows.map((r) => [
        r.id,
        r.source_kind === 'journey'
          ? (/^journey:([0-9a-f-]{36}):/.exec(r.idempotency_key ?? '')?.[1] ?? null)
          : null,
      ]),
    );
    // A message id that names no message (an event tracked through the API) restricts nothing.
    return new Map(
      engagements
        .filter((e) => instanceOf.has(String(e.properties.messageId)))
        .map((e) => [e.id, instanceOf.get(String(e.properties.messageId)) ?? null]),
    );
  }
}
