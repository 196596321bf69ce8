import {
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { JourneyActivities, SendStepExtras, WaitOutcome } from '../engine/journey-activities.ts';
import { sendIsOver } from '../engine/steps/send-outcomes.ts';
import type { SendStepResult } from '../engine/steps/send-step.ts';
import type { DeliveryActivities } from '@switchboard/messaging';
import type { JourneyGraph, JourneyNode } from '../definition/journey-graph.ts';
import { indexGraph, splitOutlet, stepAfter } from '../definition/journey-steps.ts';
import { enrolSignal, journeyEventSignal, type JourneyEventSignal } from './journey-signals.ts';

export interface JourneyWorkflowInput {
  /** The task queue of the process holding the WeChat bot (WeChat sends are delivered there). */
  chatTaskQueue: string;
  /** Admitted instances waiting their turn, oldest first (normally one; more when a re-entry raced the end). */
  pending?: string[];
  /** Where a continued instance picks up (continue-as-new of a long or looping journey). */
  resume?: { instanceId: string; nodeId: string; visits: Record<string, number> };
}

// Provider outages and database hiccups are retried for as long as a message is worth sending.
const retry = { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' };
const steps = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '2 days',
  retry,
});
const quick = proxyLocalActivities<JourneyActivities>({ startToCloseTimeout: '30 seconds', retry });
// A send step as a local activity: no activity task and no second workflow task per message, which halves what
// Temporal does for each step (the journey-trigger benchmark's latency was mostly that work queueing).
const localSends = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '2 minutes',
  scheduleToCloseTimeout: '2 days',
  retry,
});
const webhooks = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 3,
    maximumAttempts: 5,
    nonRetryableErrorTypes: ['WebhookRefused'],
  },
});

/** Steps one run takes before continuing as new: keeps histories short for journeys that loop. */
const STEPS_PER_RUN = 150;
const MAX_DEFERRALS = 30;

const END_REASON = 'Reached the end of the journey';
const GOAL_REASON = 'Reached the goal step';

type Ending = { status: 'converted' | 'exited'; reason: string; eventId: string };

/**
 * One contact's way through one version of a journey (per trigger key). The workflow id is derived from journey,
 * contact and key, so enrolments arrive by signal-with-start and a second enrolment while one runs waits its turn.
 * Histories hold ids, outlets and outcomes only: names, addresses and content stay in the database.
 */
export async function journeyInstanceWorkflow(input: JourneyWorkflowInput): Promise<void> {
  const pending = [...(input.pending ?? [])];
  const finished = new Set<string>();
  const events: JourneyEventSignal[] = [];
  setHandler(enrolSignal, ({ instanceId }) => {
    if (!pending.includes(instanceId) && !finished.has(instanceId)) pending.push(instanceId);
  });
  setHandler(journeyEventSignal, (event) => {
    if (events.length < 1000) events.push(event);
  });

  let resume = input.resume;
  for (;;) {
    if (!resume && pending.length === 0 && !(await condition(() => pending.length > 0, '10 seconds'))) return;
    const instanceId = resume?.instanceId ?? pending.shift()!;
    const outcome = await runInstance(instanceId, resume, events);
    resume = undefined;
    if (outcome.kind === 'continue') {
      await continueAsNew<typeof journeyInstanceWorkflow>({
        chatTaskQueue: input.chatTaskQueue,
        pending,
        resume: { instanceId, nodeId: outcome.nodeId, visits: outcome.visits },
      });
    }
    finished.add(instanceId);
    // Signals for the finished instance are of no use to the next one.
    for (let i = events.length - 1; i >= 0; i--)
      if (events[i]!.instanceId === instanceId) events.splice(i, 1);
    if (pending.length > 0 && workflowInfo().continueAsNewSuggested)
      await continueAsNew<typeof journeyInstanceWorkflow>({ chatTaskQueue: input.chatTaskQueue, pending });
    if (pending.length === 0) return;
  }

  async function runInstance(
    instanceId: string,
    from: JourneyWorkflowInput['resume'],
    inbox: JourneyEventSignal[],
  ): Promise<{ kind: 'done' } | { kind: 'continue'; nodeId: string; visits: Record<string, number> }> {
    // Asked once, before anything else: the patch marker (and the search-attribute update Temporal makes for each)
    // lands in the instance's first workflow task, not in the one an awaited event wakes. An instance that was
    // running before keeps its paths for the rest of its run.
    // `journey-send-closes-steps` (which implies the fold): a send also writes the `next` of the wait before it and
    // ends the instance when an exit or goal follows it. New instances record this one marker only.
    const closes = patched('journey-send-closes-steps');
    const fold = closes || patched('journey-step-fold');
    const admitted = await quick.journeyAdmit(instanceId);
    if (!admitted) return { kind: 'done' };
    const graph: JourneyGraph = admitted.graph;
    const { byId, entry } = indexGraph(graph);
    const visits: Record<string, number> = { ...(from?.visits ?? {}) };
    const seen = new Set<string>();
    const take = (match: (e: JourneyEventSignal) => boolean): JourneyEventSignal | undefined => {
      const index = inbox.findIndex((e) => e.instanceId === instanceId && !seen.has(e.eventId) && match(e));
      if (index < 0) return undefined;
      const [event] = inbox.splice(index, 1);
      seen.add(event!.eventId);
      return event;
    };
    /** The event lets the instance through wait-for-event step `nodeId`: awaited there, or a goal it also answers. */
    const answers = (e: JourneyEventSignal, nodeId: string) =>
      (e.kind === 'received' && e.nodeId === nodeId) || (e.kind === 'goal' && !!e.answers?.includes(nodeId));
    // A goal that the step at `nodeId` also waits for is left to that step, which follows its path to the goal.
    const ending = (nodeId: string): Ending | undefined => {
      const event = take((e) => e.kind === 'exit' || (e.kind === 'goal' && !answers(e, nodeId)));
      if (!event) return undefined;
      return event.kind === 'goal'
        ? { status: 'converted', reason: 'Reached a goal of the journey', eventId: event.eventId }
        : { status: 'exited', reason: 'Left the journey’s segment', eventId: event.eventId };
    };
    const endingPending = () => inbox.some((e) => e.instanceId === instanceId && e.kind !== 'received');
    const finish = async (
      nodeId: string | null,
      end: { status: 'completed' | 'converted' | 'exited' | 'failed'; reason: string },
    ) => {
      await quick.journeyFinish({ instanceId, nodeId, ...end });
      return { kind: 'done' as const };
    };

    // Histories recorded before `resumeAt` existed carry no such field and take the entry path, as they did.
    const placedAt = from?.nodeId ?? admitted.resumeAt;
    let node: JourneyNode | null = placedAt
      ? (byId.get(placedAt) ?? null)
      : entry && stepAfter(byId, entry, 'next');
    let last: string | null = placedAt ?? entry?.id ?? null;
    let ran = 0;
    // With `journey-step-fold`, a wait-for-event's end is written by the send that follows it and a send writes the
    // arrival at the duration wait after it: one local activity per step instead of three on the commonest path.
    let waited: WaitOutcome | null = null;
    let passed: { nodeId: string; visit: number } | null = null;
    let arrivalWritten: string | null = null;
    let endWritten = false;
    while (node) {
      if (endWritten) return { kind: 'done' };
      const end = ending(node.id);
      // What a send would have written with its arrival is written now when no send takes it.
      if ((waited || passed) && (end || node.type !== 'send' || ran >= STEPS_PER_RUN)) {
        if (waited) await quick.journeyStopWaiting({ instanceId, ...waited });
        if (passed) await quick.journeyEnterStep({ instanceId, nodeId: passed.nodeId, outcomes: ['next'] });
        waited = passed = null;
      }
      if (end) return finish(node.id, end);
      if (++ran > STEPS_PER_RUN) return { kind: 'continue', nodeId: node.id, visits };
      const visit = (visits[node.id] = (visits[node.id] ?? 0) + 1);
      const ids = { instanceId, nodeId: node.id };
      last = node.id;
      let outlet = 'next';
      switch (node.type) {
        case 'trigger':
          break;
        case 'send': {
          const after = stepAfter(byId, node, 'next');
          const extras: SendStepExtras = {
            ...(waited ? { waited } : {}),
            ...(passed ? { passed } : {}),
            ...(after?.type === 'wait' && after.config.mode === 'duration' && fold
              ? { then: { nodeId: after.id, visit: (visits[after.id] ?? 0) + 1 } }
              : {}),
            ...(closes && after?.type === 'exit'
              ? { end: { nodeId: after.id, status: 'completed', reason: END_REASON } }
              : closes && after?.type === 'goal'
                ? { end: { nodeId: after.id, status: 'converted', reason: GOAL_REASON } }
                : {}),
          };
          waited = passed = null;
          const result = await send(node.config.channel, { ...ids, visit }, extras);
          if (result.outcome === 'ended') return { kind: 'done' };
          break;
        }
        case 'wait': {
          const arrived = arrivalWritten === node.id;
          arrivalWritten = null;
          const wakeAt =
            node.config.mode === 'duration'
              ? (arrived || (await quick.journeyEnterStep({ ...ids, outcomes: ['reached'] })),
                Date.now() + node.config.seconds * 1000)
              : new Date((await quick.journeyWaitUntil({ ...ids, now: Date.now() })).wakeAt).getTime();
          await condition(endingPending, Math.max(1, wakeAt - Date.now()));
          if (endingPending()) continue;
          if (closes && stepAfter(byId, node, 'next')?.type === 'send') passed = { nodeId: node.id, visit };
          else await quick.journeyEnterStep({ ...ids, outcomes: ['next'] });
          break;
        }
        case 'waitForEvent': {
          const nodeId = node.id;
          await quick.journeyStartWaiting(ids);
          const received = () => inbox.some((e) => e.instanceId === instanceId && answers(e, nodeId));
          await condition(() => received() || endingPending(), node.config.timeoutSeconds * 1000);
          if (endingPending() && !received()) continue;
          const event = take((e) => answers(e, nodeId));
          outlet = event ? 'received' : 'timeout';
          const outcome = { nodeId, outcome: outlet, eventId: event?.eventId ?? null };
          if (fold) waited = { ...outcome, visit };
          else await quick.journeyStopWaiting({ instanceId, ...outcome });
          break;
        }
        case 'branch':
          outlet = await steps.journeyBranch(ids);
          break;
        case 'split':
          outlet = splitOutlet(node.config.percentages, instanceId, node.id);
          await quick.journeyEnterStep({ ...ids, outcomes: ['reached', outlet] });
          break;
        case 'update':
          await steps.journeyUpdate({ ...ids, visit });
          break;
        case 'handOff':
          await steps.journeyHandOff({ ...ids, visit });
          break;
        case 'inboxTask':
          await steps.journeyInboxTask({ ...ids, visit });
          break;
        case 'webhook':
          try {
            await webhooks.journeyWebhook({ ...ids, visit });
          } catch (error) {
            // A webhook that keeps failing is recorded on the step; the contact goes on.
            await quick.journeyEnterStep({
              ...ids,
              outcomes: ['reached', 'failed'],
              detail: { error: String((error as Error).cause ?? error) },
            });
          }
          break;
        case 'goal':
          return finish(node.id, { status: 'converted', reason: GOAL_REASON });
        case 'exit':
          // The end of a path: the contact went through the journey (leaving early is `exited`).
          return finish(node.id, { status: 'completed', reason: END_REASON });
      }
      node = stepAfter(byId, node, outlet);
    }
    // Only a version whose path was left open gets here (validation does not publish one).
    if (waited) await quick.journeyStopWaiting({ instanceId, ...waited });
    if (passed) await quick.journeyEnterStep({ instanceId, nodeId: passed.nodeId, outcomes: ['next'] });
    return finish(last, { status: 'completed', reason: END_REASON });

    async function send(
      channel: 'email' | 'sms' | 'wechat',
      step: { instanceId: string; nodeId: string; visit: number },
      extras: SendStepExtras,
    ) {
      // Histories recorded before `journey-send-local` ran their sends as activities, and replay them so. The later
      // `journey-step-fold` implies local sends: new instances record one patch marker, histories from between the
      // two keep theirs.
      const sendStep =
        fold || patched('journey-send-local')
          ? (ids: typeof step & SendStepExtras) => localSends.journeySend({ ...ids, now: Date.now() })
          : steps.journeySend;
      // The extras go with the first ask only: later asks (after a deferral or a hand-over) find them written.
      let result: SendStepResult = await sendStep({ ...step, ...extras });
      if (extras.then && sendIsOver(result.outcome)) arrivalWritten = extras.then.nodeId;
      if (extras.end && sendIsOver(result.outcome)) endWritten = true;
      for (let round = 0; round < MAX_DEFERRALS; round++) {
        if (result.outcome === 'held') {
          await sleep(result.retryInMs);
          result = await sendStep(step);
        } else if (result.outcome === 'deferred' && result.messageId === null) {
          // The journey's own quiet period: nothing written yet, ask again when it ends.
          await sleep(Math.max(1000, new Date(result.until).getTime() - Date.now()));
          result = await sendStep(step);
        } else if (result.outcome === 'deferred' || result.outcome === 'queued') {
          if (result.outcome === 'deferred')
            await sleep(Math.max(1000, new Date(result.until).getTime() - Date.now()));
          const delivered = await deliveryFor(channel).deliverMessage(result.messageId!);
          result = await quick.journeyRecordSend({
            ...step,
            messageId: result.messageId!,
            delivery: delivered,
          });
        } else return result;
      }
      if ('messageId' in result && result.messageId)
        await deliveryFor(channel).abandonMessage(
          result.messageId,
          `Deferred ${MAX_DEFERRALS} times by the send gate`,
        );
      await quick.journeyEnterStep({
        ...step,
        outcomes: ['failed'],
        detail: { error: 'Deferred too many times' },
      });
      return { outcome: 'failed' as const, messageId: null };
    }
  }

  function deliveryFor(channel: 'email' | 'sms' | 'wechat') {
    return proxyActivities<DeliveryActivities>({
      startToCloseTimeout: '2 minutes',
      scheduleToCloseTimeout: '2 days',
      retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
      ...(channel === 'wechat' ? { taskQueue: input.chatTaskQueue } : {}),
    });
  }
}
