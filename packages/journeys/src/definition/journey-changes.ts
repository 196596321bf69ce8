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

const stepLabel = (step: ChangedStep) => `${step.label ?? STEP_NAMES[step.type]} (${step.id})`;

/** A step as a change names it: the builder translates the type, the sentences below use English. */
export interface ChangedStep {
  id: string;
  type: JourneyNode['type'];
  label: string | null;
}

export type JourneyChange =
  | { kind: 'first' | 'layoutOnly' | 'settings' }
  | { kind: 'added' | 'removed' | 'changed' | 'reconnected'; step: ChangedStep }
  | { kind: 'replaced'; step: ChangedStep; by: ChangedStep };

const changedStep = (node: JourneyNode): ChangedStep => ({
  id: node.id,
  type: node.type,
  label: node.label ?? null,
});

/**
 * What publishing would change from the live version: steps added, removed, reconfigured or reconnected, and the
 * journey's settings. Moving a step on the canvas changes nothing.
 */
export function journeyChanges(live: JourneyGraph | null, draft: JourneyGraph): JourneyChange[] {
  if (!live) return [{ kind: 'first' }];
  const before = new Map(live.nodes.map((n) => [n.id, n]));
  const after = new Map(draft.nodes.map((n) => [n.id, n]));
  const changes: JourneyChange[] = [];
  for (const node of draft.nodes) {
    const old = before.get(node.id);
    if (!old) changes.push({ kind: 'added', step: changedStep(node) });
    else if (old.type !== node.type)
      changes.push({ kind: 'replaced', step: changedStep(old), by: changedStep(node) });
    else {
      if (JSON.stringify(old.config) !== JSON.stringify(node.config))
        changes.push({ kind: 'changed', step: changedStep(node) });
      if (JSON.stringify(old.next) !== JSON.stringify(node.next))
        changes.push({ kind: 'reconnected', step: changedStep(node) });
    }
  }
  for (const node of live.nodes)
    if (!after.has(node.id)) changes.push({ kind: 'removed', step: changedStep(node) });
  if (JSON.stringify(live.settings) !== JSON.stringify(draft.settings)) changes.push({ kind: 'settings' });
  return changes.length ? changes : [{ kind: 'layoutOnly' }];
}

/** The same changes as English sentences, for the audit log and the API's publish answer. */
export function describeChanges(live: JourneyGraph | null, draft: JourneyGraph): string[] {
  return journeyChanges(live, draft).map((change) => {
    switch (change.kind) {
      case 'first':
        return 'First version: everything is new';
      case 'layoutOnly':
        return 'Nothing changed but the layout';
      case 'settings':
        return 'Changed the entry rules, goals or quiet period';
      case 'added':
        return `Added ${stepLabel(change.step)}`;
      case 'removed':
        return `Removed ${stepLabel(change.step)}`;
      case 'changed':
        return `Changed ${stepLabel(change.step)}`;
      case 'reconnected':
        return `Reconnected ${stepLabel(change.step)}`;
      case 'replaced':
        return `Replaced ${stepLabel(change.step)} with ${stepLabel(change.by)}`;
    }
  });
}
