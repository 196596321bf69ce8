import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@switchboard/db';
import { list, sql, TEXT_LIST } from '@switchboard/contacts';
import {
  loadMessagingPolicy,
  nextLocalTime,
  TemplateCache,
  type DeliveryDeps,
  type DeliveryOutcome,
} from '@switchboard/messaging';
import type { JourneyGraph, JourneyNode } from '../definition/journey-graph.ts';
import {
  arriveWithInstance,
  finishInstance,
  loadContact,
  InstanceVersions,
  loadInstance,
  perVisit,
  recordActiveStep,
  recordStep,
  recordSteps,
  VersionCache,
  type InstanceRow,
  type VersionRow,
} from './instance-store.ts';
import {
  recordSendOutcome,
  runSendStep,
  stepOutcomeOf,
  type SendArrival,
  type SendStepResult,
} from './steps/send-step.ts';
import { sendIsOver } from './steps/send-outcomes.ts';
import { evaluateBranch } from './steps/branch-step.ts';
import { applyUpdate } from './steps/update-step.ts';
import { createInboxTask, handOff } from './steps/people-steps.ts';
import { eventNamesFor, journeyWideEventNames } from './journey-events.ts';
import type { WebhookTransport } from '@switchboard/webhooks/transport';
import { runWebhookStep } from './steps/webhook-step.ts';

export interface JourneyActivityDeps extends DeliveryDeps {
  /** The key webhook steps of a workspace sign their requests with. */
  webhookSecret: (workspaceId: string) => string;
  /** Where webhooks may go: the public internet in production; tests allow their local receiver. */
  webhookTransport?: WebhookTransport;
  versions?: VersionCache;
}

interface StepIds {
  instanceId: string;
  nodeId: string;
}

/** The end of a wait-for-event step: how it ended (`received` / `timeout`), on which event, in which visit. */
export interface WaitOutcome {
  nodeId: string;
  outcome: string;
  eventId: string | null;
  /** Makes the record once per visit (a retried activity repeats it); absent in histories from before. */
  visit?: number;
}

/**
 * What a send step's local activity also records, so that a step costs one local activity: the end of the
 * wait-for-event before it (`waited`), and the arrival at the duration wait after it once the send is over (`then`).
 */
export interface SendStepExtras {
  waited?: WaitOutcome;
  /** The wait (duration or time of day) just before the send ended: its `next`, written with the arrival. */
  passed?: { nodeId: string; visit: number };
  then?: { nodeId: string; visit: number };
  /** The step after the send ends the journey (an exit or a goal): the send that is over ends the instance there. */
  end?: { nodeId: string; status: 'completed' | 'converted'; reason: string };
}

/** What the workflow runs: the steps and settings of the version, without positions and labels. */
function runnableGraph(graph: JourneyGraph): JourneyGraph {
  return {
    settings: graph.settings,
    nodes: graph.nodes.map(({ label: _label, ...node }): JourneyNode => ({
      ...node,
      position: { x: 0, y: 0 },
    })),
  };
}

/** A step event at this node for this visit already exists: a retried activity must not act twice. */
async function alreadyDone(
  em: EntityManager,
  instanceId: string,
  nodeId: string,
  visit: number,
): Promise<boolean> {
  const rows = await sql(
    em,
    `select 1 from journey_step_events where instance_id = ? and node_id = ? and outcome = 'next'
       and (detail->>'visit')::int = ?`,
    [instanceId, nodeId, visit],
  );
  return rows.length > 0;
}

/** Activities for journey workflows; the worker wires real channels in, tests wire local peers. */
export function createJourneyActivities(input: JourneyActivityDeps) {
  // Parsed templates and their text versions are kept across messages, as the delivery activities keep them: a
  // journey step renders the same template version for every contact. (Settings caching is the worker's choice.)
  const deps: JourneyActivityDeps = {
    ...input,
    templateCache: input.templateCache ?? new TemplateCache(),
    email: { ...input.email, textCache: input.email.textCache ?? new Map() },
  };
  const versions = deps.versions ?? new VersionCache();
  const instanceVersions = new InstanceVersions();
  const fork = () => deps.db.orm.em.fork();

  /** Step `nodeId` of the version, which must be of `type`. */
  function stepOf<T extends JourneyNode['type']>(
    version: VersionRow,
    nodeId: string,
    type: T,
  ): Extract<JourneyNode, { type: T }> {
    const node = version.graph.nodes.find((n) => n.id === nodeId);
    if (!node || node.type !== type)
      throw ApplicationFailure.nonRetryable(`Step ${nodeId} is not a ${type} step of version ${version.id}`);
    return node as Extract<JourneyNode, { type: T }>;
  }

  /** The instance, its version and the step; null when the instance has ended meanwhile. */
  async function at<T extends JourneyNode['type']>(
    em: EntityManager,
    ids: StepIds,
    type: T,
  ): Promise<{ instance: InstanceRow; version: VersionRow; node: Extract<JourneyNode, { type: T }> } | null> {
    const instance = await loadInstance(em, ids.instanceId);
    if (!instance || instance.status !== 'active') return null;
    const version = await versions.get(em, instance.version_id);
    if (!version) throw ApplicationFailure.nonRetryable(`Journey version ${instance.version_id} is gone`);
    return { instance, version, node: stepOf(version, ids.nodeId, type) };
  }

  /** The end of a wait-for-event step: its outcome's record and the waits only it needed. */
  function waitEnd(version: VersionRow, step: WaitOutcome): SendArrival {
    const node = stepOf(version, step.nodeId, 'waitForEvent');
    const keep = new Set(journeyWideEventNames(version.graph.settings));
    const detail = step.eventId ? { eventId: step.eventId } : null;
    return {
      records: [
        step.visit === undefined
          ? { nodeId: step.nodeId, outcome: step.outcome, detail }
          : perVisit(step.nodeId, step.outcome, step.visit, detail),
      ],
      dropWaits: eventNamesFor(node.config.event).filter((name) => !keep.has(name)),
    };
  }

  /** A wait-for-event step ended: its outcome is recorded and the waits only it needed go. */
  async function stopWaiting(em: EntityManager, instanceId: string, step: WaitOutcome): Promise<void> {
    const versionId = await instanceVersions.of(em, instanceId);
    const version = versionId ? await versions.get(em, versionId) : null;
    if (!version) return;
    const { records, dropWaits } = waitEnd(version, step);
    await recordSteps(em, instanceId, step.nodeId, records, dropWaits);
  }

  /** Runs a contact-changing step once per visit: the change and its step event commit together. */
  async function once(
    ids: StepIds & { visit: number },
    act: (tx: EntityManager, instance: InstanceRow) => Promise<Record<string, unknown> | void>,
  ) {
    await fork().transactional(async (tx) => {
      await sql(tx, 'select pg_advisory_xact_lock(hashtextextended(?, 11))', [
        `${ids.instanceId}:${ids.nodeId}`,
      ]);
      if (await alreadyDone(tx, ids.instanceId, ids.nodeId, ids.visit)) return;
      const instance = await loadInstance(tx, ids.instanceId);
      if (!instance || instance.status !== 'active') return;
      const detail = (await act(tx, instance)) ?? {};
      await recordStep(tx, instance, ids.nodeId, ['reached', 'next'], { visit: ids.visit, ...detail });
    });
  }

  return {
    /** The workflow takes the instance up: marks it started and returns the graph of its version. */
    /**
     * Marks the instance started and hands the workflow its version's graph. An instance placed at a step before
     * any workflow ran it (the demo's contacts half-way through, an import) resumes at that step.
     */
    async journeyAdmit(instanceId: string): Promise<{ graph: JourneyGraph; resumeAt?: string } | null> {
      const em = fork();
      const [row] = await sql<{ version_id: string; placed_at: string | null }>(
        em,
        `with before as (
           select id, started_at is null as fresh, current_node from journey_instances
           where id = ? and status = 'active' for update
         )
         update journey_instances i set started_at = coalesce(i.started_at, now()) from before
         where i.id = before.id
         returning i.version_id, case when before.fresh then before.current_node end as placed_at`,
        [instanceId],
      );
      if (!row) return null;
      instanceVersions.remember(instanceId, row.version_id);
      const version = await versions.get(em, row.version_id);
      if (!version) throw ApplicationFailure.nonRetryable(`Journey version ${row.version_id} is gone`);
      return { graph: runnableGraph(version.graph), ...(row.placed_at ? { resumeAt: row.placed_at } : {}) };
    },

    /**
     * `now`: the workflow's clock when it asked. A local activity has no server time of its own, and on a test
     * server that skips time the workflow's clock runs ahead of this process's, so the gate takes the later of the
     * two (in production that is always this process's clock, also when a retry comes hours after the ask).
     */
    async journeySend(
      step: StepIds & { visit: number; now?: number } & SendStepExtras,
    ): Promise<SendStepResult> {
      const em = fork();
      // The version is known without a read when this worker admitted the instance (the usual case).
      const versionId = await instanceVersions.of(em, step.instanceId);
      const version = versionId ? await versions.get(em, versionId) : null;
      if (!version) return { outcome: 'ended' };
      const node = stepOf(version, step.nodeId, 'send');
      // What ends at this send is written with the arrival at it, and the instance read back, in one statement.
      const arrival = step.waited ? waitEnd(version, step.waited) : { records: [], dropWaits: [] };
      if (step.passed) arrival.records.push(perVisit(step.passed.nodeId, 'next', step.passed.visit));
      const instance = await arriveWithInstance(
        em,
        step.instanceId,
        node.id,
        [...arrival.records, perVisit(node.id, 'reached', step.visit)],
        arrival.dropWaits,
      );
      if (!instance) return { outcome: 'ended' };
      const askedAt = step.now;
      const startedAt = Date.now();
      const wall = () => (deps.now?.() ?? new Date()).getTime();
      const clock =
        askedAt === undefined
          ? deps
          : { ...deps, now: () => new Date(Math.max(wall(), askedAt + Date.now() - startedAt)) };
      const { result, record } = await runSendStep(clock, instance, version, node, step.visit);
      // Once the send is over its outcome goes with what follows it (the workflow decides alike), in one statement.
      if (!record || !sendIsOver(result.outcome)) return result;
      if (step.end) await finishInstance(em, instance, { ...step.end, arrived: true }, [record]);
      else if (step.then)
        await recordSteps(em, step.instanceId, step.then.nodeId, [
          record,
          perVisit(step.then.nodeId, 'reached', step.then.visit),
        ]);
      else await recordSteps(em, step.instanceId, step.nodeId, [record]);
      return result;
    },

    /** After a deferred or gateway delivery: the step's outcome, recorded once it is final. */
    async journeyRecordSend(
      step: StepIds & { messageId: string; delivery: DeliveryOutcome },
    ): Promise<SendStepResult> {
      const result = stepOutcomeOf(step.delivery, step.messageId);
      if (result.outcome === 'deferred') return result;
      const em = fork();
      const instance = await loadInstance(em, step.instanceId);
      if (instance) await recordSendOutcome(em, instance, step.nodeId, result);
      return result;
    },

    async journeyEnterStep(
      step: StepIds & { outcomes: string[]; detail?: Record<string, unknown> },
    ): Promise<void> {
      await recordActiveStep(fork(), step.instanceId, step.nodeId, step.outcomes, step.detail ?? null);
    },

    /** When a wait-until step ends: the next chosen local time in the contact's zone (the workspace's if unknown). */
    async journeyWaitUntil(step: StepIds & { now: number }): Promise<{ wakeAt: string }> {
      const em = fork();
      const found = await at(em, step, 'wait');
      // The workflow's clock, not this process's: they differ when a test server skips time.
      const now = new Date(step.now);
      if (!found || found.node.config.mode !== 'until') return { wakeAt: now.toISOString() };
      const contact = await loadContact(em, found.instance.contact_id);
      const zone =
        contact?.timezone ?? (await loadMessagingPolicy(em, found.instance.workspace_id)).defaultTimezone;
      const wakeAt = nextLocalTime(now, zone, found.node.config.at, found.node.config.weekdays);
      await recordStep(em, found.instance, step.nodeId, ['reached'], { until: wakeAt.toISOString() });
      return { wakeAt: wakeAt.toISOString() };
    },

    /** Makes the dispatcher signal this instance for the step's event (and its channel variants). */
    async journeyStartWaiting(step: StepIds): Promise<void> {
      const em = fork();
      const found = await at(em, step, 'waitForEvent');
      if (!found) return;
      const { instance, node } = found;
      await em.transactional(async (tx) => {
        await sql(
          tx,
          `insert into journey_waits (instance_id, event_name, workspace_id, contact_id, workflow_id)
           select ?, name, ?, ?, ? from unnest(${TEXT_LIST}) as name on conflict do nothing`,
          [
            instance.id,
            instance.workspace_id,
            instance.contact_id,
            instance.workflow_id,
            list(eventNamesFor(node.config.event)),
          ],
        );
        await recordStep(tx, instance, step.nodeId, ['reached']);
      });
    },

    async journeyStopWaiting(step: { instanceId: string } & WaitOutcome): Promise<void> {
      await stopWaiting(fork(), step.instanceId, step);
    },

    async journeyBranch(step: StepIds): Promise<'yes' | 'no'> {
      const em = fork();
      const found = await at(em, step, 'branch');
      if (!found) return 'no';
      const contact = await loadContact(em, found.instance.contact_id);
      const outlet = await evaluateBranch(em, found.instance, contact, found.node.config);
      await recordStep(em, found.instance, step.nodeId, ['reached', outlet]);
      return outlet;
    },

    async journeyUpdate(step: StepIds & { visit: number }): Promise<void> {
      const found = await at(fork(), step, 'update');
      if (!found) return;
      await once(step, (tx, instance) => applyUpdate(tx, instance, found.node.config));
    },

    async journeyHandOff(step: StepIds & { visit: number }): Promise<void> {
      await once(step, async (tx, instance) => {
        const contact = await loadContact(tx, instance.contact_id);
        return contact ? { result: await handOff(tx, instance, contact) } : { result: 'no_contact' };
      });
    },

    async journeyInboxTask(step: StepIds & { visit: number }): Promise<void> {
      const found = await at(fork(), step, 'inboxTask');
      if (!found) return;
      await once(step, async (tx, instance) => {
        const contact = await loadContact(tx, instance.contact_id);
        return {
          ...(contact
            ? await createInboxTask(tx, instance, contact, {
                note: found.node.config.note,
                step: step.nodeId,
                key: `${step.instanceId}:${step.nodeId}:${step.visit}`,
              })
            : { notified: 0 }),
        };
      });
    },

    /**
     * Calls the step's URL with the contact and the trigger's data, signed with the workspace's webhook key. A URL
     * that is not public (directly, through DNS or a redirect) fails at once; endpoint trouble is retried.
     */
    async journeyWebhook(step: StepIds & { visit: number }): Promise<void> {
      const em = fork();
      const found = await at(em, step, 'webhook');
      if (!found || (await alreadyDone(em, step.instanceId, step.nodeId, step.visit))) return;
      await runWebhookStep(em, deps, found.instance, found.node, step.visit);
    },

    async journeyFinish(end: {
      instanceId: string;
      nodeId: string | null;
      status: 'completed' | 'converted' | 'exited' | 'failed';
      reason: string;
    }): Promise<void> {
      const em = fork();
      const instance = await loadInstance(em, end.instanceId);
      if (!instance) return;
      // Ending on a goal or exit step is arriving there: the canvas counts it as reached, like any other step.
      const version = end.nodeId ? await versions.get(em, instance.version_id) : null;
      const node = version?.graph.nodes.find((n) => n.id === end.nodeId);
      await finishInstance(em, instance, { ...end, arrived: node?.type === 'goal' || node?.type === 'exit' });
    },
  };
}

export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
