import type { JourneyGraph, JourneyNode } from './journey-graph.ts';

const STEP_NAMES: Record<JourneyNode['type'], string> = {
  trigger: 'entry trigger',
  send: 'send',
  wait: 'wait',
  waitForEvent: 'wait for an event',
  branch: 'branch',
  split: 'random split',
  update: 'contact update',
  handOff: 'hand-off to sales',
  inboxTask: 'inbox task',
  webhook: 'webhook',
  goal: 'goal',
  exit: 'exit',
};

const stepLabel = (node: JourneyNode) => `${node.label ?? STEP_NAMES[node.type]} (${node.id})`;

/**
 * What publishing would change from the live version, in sentences for the publish dialog: steps added, removed,
 * reconfigured or reconnected, and the journey's settings. Moving a step on the canvas changes nothing.
 */
export function describeChanges(live: JourneyGraph | null, draft: JourneyGraph): string[] {
  if (!live) return ['First version: everything is new'];
  const before = new Map(live.nodes.map((n) => [n.id, n]));
  const after = new Map(draft.nodes.map((n) => [n.id, n]));
  const changes: string[] = [];
  for (const node of draft.nodes) {
    const old = before.get(node.id);
    if (!old) changes.push(`Added ${stepLabel(node)}`);
    else if (old.type !== node.type) changes.push(`Replaced ${stepLabel(old)} with ${stepLabel(node)}`);
    else {
      if (JSON.stringify(old.config) !== JSON.stringify(node.config))
        changes.push(`Changed ${stepLabel(node)}`);
      if (JSON.stringify(old.next) !== JSON.stringify(node.next))
        changes.push(`Reconnected ${stepLabel(node)}`);
    }
  }
  for (const node of live.nodes) if (!after.has(node.id)) changes.push(`Removed ${stepLabel(node)}`);
  if (JSON.stringify(live.settings) !== JSON.stringify(draft.settings))
    changes.push('Changed the entry rules, goals or quiet period');
  return changes.length ? changes : ['Nothing changed but the layout'];
}
