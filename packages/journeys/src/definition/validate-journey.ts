import type { JourneyGraph, JourneyNode } from './journey-graph.ts';
import { outletsOf, targetOf, WAITING_TYPES } from './journey-steps.ts';

/**
 * What can be wrong, in English with {placeholders}. The code travels with each problem so the app can say it in
 * the user's language; the message is for API callers and logs.
 */
export const PROBLEM_MESSAGES = {
  duplicateId: 'Two steps share this id',
  noTrigger: 'Add an entry trigger: how contacts get in',
  extraTrigger: 'A journey has one entry trigger; remove this one',
  timeoutOpen: 'A wait for an event needs a path for when it does not come: connect “timed out”',
  outletOpen: 'Connect the {outlet} path: every path must end',
  outletTargetGone: 'The {outlet} path leads to a step that no longer exists',
  backToTrigger: 'A path cannot lead back to the entry trigger',
  unreachable: 'No path from the entry reaches this step',
  loopWithoutWait: 'This step is on a loop without a wait: contacts would go round it at once',
  exitSegmentGone: 'The segment whose leavers exit no longer exists',
  goalSegmentGone: 'A goal names a segment that no longer exists',
  triggerSegmentGone: 'The segment this journey starts from no longer exists',
  noTemplate: 'Choose a template for this message',
  templateChannel: '“{name}” is a {templateChannel} template; this step sends {channel}',
  templateUnpublished: 'Publish “{name}” first: journeys send published versions',
  keyNeeded: 'Only a journey whose trigger is keyed (e.g. by cart_id) can match the event to that key',
  branchSegmentGone: 'This branch asks about a segment that no longer exists',
  splitTotal: 'The split adds up to {total} %; make it 100 %',
  webhookScheme: 'A webhook URL starts with https://',
  webhookCredentials: 'Put no credentials in the webhook URL',
  webhookUrl: 'Enter the webhook URL, e.g. https://crm.example.com/hooks/switchboard',
} as const;

export type JourneyProblemCode = keyof typeof PROBLEM_MESSAGES;

/**
 * A problem with the journey, on the step it concerns (null: the journey as a whole), as the builder shows it.
 * `params` fill the message's placeholders (an outlet's also carry its key, `outletKey`, to name it in any language).
 */
export interface JourneyProblem {
  nodeId: string | null;
  code: JourneyProblemCode;
  params: Record<string, string | number>;
  message: string;
}

function problemOf(
  nodeId: string | null,
  code: JourneyProblemCode,
  params: Record<string, string | number> = {},
): JourneyProblem {
  const message = PROBLEM_MESSAGES[code].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
  return { nodeId, code, params, message };
}

/** What validation needs to know about the workspace: its templates (with a published version) and segments. */
export interface ValidationContext {
  templates: ReadonlyMap<string, { channel: string; published: boolean; name: string }>;
  segments: ReadonlySet<string>;
}

const OUTLET_NAMES: Record<string, string> = {
  next: 'next',
  yes: '“yes”',
  no: '“no”',
  received: '“event received”',
  timeout: '“timed out”',
};
/** An outlet as the English message names it (a split's outlets are its branches A, B, …). */
const outletName = (outlet: string) => OUTLET_NAMES[outlet] ?? `branch ${outlet.toUpperCase()}`;

/**
 * Everything that would make a journey misbehave once contacts are inside, found before it is saved or published:
 * one entry; every step reachable from it; every path ends (no outlet left open, every wait-for-event with its
 * timeout path); no loop without a wait; sends naming a published template of their channel; splits adding up to
 * 100 %; references to segments that exist. Pure: the context carries what the database knows.
 */
export function validateJourney(graph: JourneyGraph, context: ValidationContext): JourneyProblem[] {
  const problems: JourneyProblem[] = [];
  const byId = new Map<string, JourneyNode>();
  for (const node of graph.nodes) {
    if (byId.has(node.id)) problems.push(problemOf(node.id, 'duplicateId'));
    byId.set(node.id, node);
  }

  const triggers = graph.nodes.filter((n) => n.type === 'trigger');
  if (triggers.length === 0) problems.push(problemOf(null, 'noTrigger'));
  for (const extra of triggers.slice(1)) problems.push(problemOf(extra.id, 'extraTrigger'));

  for (const node of graph.nodes) {
    for (const outlet of outletsOf(node)) {
      const target = targetOf(node, outlet);
      if (target === null) {
        problems.push(
          node.type === 'waitForEvent' && outlet === 'timeout'
            ? problemOf(node.id, 'timeoutOpen')
            : problemOf(node.id, 'outletOpen', { outlet: outletName(outlet), outletKey: outlet }),
        );
      } else if (!byId.has(target)) {
        problems.push(
          problemOf(node.id, 'outletTargetGone', { outlet: outletName(outlet), outletKey: outlet }),
        );
      } else if (byId.get(target)!.type === 'trigger') {
        problems.push(problemOf(node.id, 'backToTrigger'));
      }
    }
    problems.push(...stepProblems(node, context, triggers[0]));
  }

  if (triggers[0]) {
    const reached = reachableFrom(triggers[0].id, byId);
    for (const node of graph.nodes)
      if (!reached.has(node.id)) problems.push(problemOf(node.id, 'unreachable'));
  }
  for (const nodeId of loopsWithoutWait(byId)) problems.push(problemOf(nodeId, 'loopWithoutWait'));

  const { settings } = graph;
  if (settings.exitOnLeavingSegment && !context.segments.has(settings.exitOnLeavingSegment))
    problems.push(problemOf(null, 'exitSegmentGone'));
  for (const goal of settings.goals)
    if (goal.kind === 'segment' && !context.segments.has(goal.segmentId))
      problems.push(problemOf(null, 'goalSegmentGone'));
  return problems;
}

function stepProblems(
  node: JourneyNode,
  context: ValidationContext,
  trigger: JourneyNode | undefined,
): JourneyProblem[] {
  const problem = (code: JourneyProblemCode, params: Record<string, string | number> = {}) => [
    problemOf(node.id, code, params),
  ];
  switch (node.type) {
    case 'trigger':
      if (node.config.kind === 'segment' && !context.segments.has(node.config.segmentId))
        return problem('triggerSegmentGone');
      return [];
    case 'send': {
      const template = node.config.templateId ? context.templates.get(node.config.templateId) : undefined;
      if (!template) return problem('noTemplate');
      if (template.channel !== node.config.channel)
        return problem('templateChannel', {
          name: template.name,
          templateChannel: template.channel,
          channel: node.config.channel,
        });
      if (!template.published) return problem('templateUnpublished', { name: template.name });
      return [];
    }
    case 'waitForEvent':
      if (
        node.config.matchTriggerKey &&
        !(trigger?.type === 'trigger' && trigger.config.kind === 'event' && trigger.config.key)
      )
        return problem('keyNeeded');
      return [];
    case 'branch':
      if (node.config.kind === 'segment' && !context.segments.has(node.config.segmentId))
        return problem('branchSegmentGone');
      return [];
    case 'split': {
      const total = node.config.percentages.reduce((sum, p) => sum + p, 0);
      return total === 100 ? [] : problem('splitTotal', { total });
    }
    case 'webhook':
      try {
        const url = new URL(node.config.url);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return problem('webhookScheme');
        if (url.username || url.password) return problem('webhookCredentials');
        return [];
      } catch {
        return problem('webhookUrl');
      }
    default:
      return [];
  }
}

function reachableFrom(start: string, byId: ReadonlyMap<string, JourneyNode>): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length) {
    const node = byId.get(queue.shift()!);
    if (!node) continue;
    for (const outlet of outletsOf(node)) {
      const target = targetOf(node, outlet);
      if (target && byId.has(target) && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/**
 * Steps on a cycle that passes no waiting step. Waiting steps are taken out of the graph; any cycle left among the
 * rest would run without pause (Tarjan's strongly connected components, iteratively).
 */
function loopsWithoutWait(byId: ReadonlyMap<string, JourneyNode>): string[] {
  const edges = new Map<string, string[]>();
  for (const node of byId.values()) {
    if (WAITING_TYPES.has(node.type)) continue;
    edges.set(
      node.id,
      outletsOf(node)
        .map((outlet) => targetOf(node, outlet))
        .filter((t): t is string => t !== null && byId.has(t) && !WAITING_TYPES.has(byId.get(t)!.type)),
    );
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const looping: string[] = [];
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work.at(-1)!;
      const targets = edges.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && (edges.get(component[0]!) ?? []).includes(component[0]!);
        if (component.length > 1 || selfLoop) looping.push(...component);
      }
    }
  }
  return looping;
}
