import type { JourneyGraph, JourneyNode, JourneyNodeType } from '@switchboard/journeys';
import { outletsOf, targetOf } from '@switchboard/journeys/graph-steps';

/**
 * Edits of a journey graph for the builder. Every function returns a new graph (the undo history keeps the old
 * ones) and never leaves a connection pointing at a step that is gone.
 */

export const STEP_TYPES = [
  'send',
  'wait',
  'waitForEvent',
  'branch',
  'split',
  'update',
  'handOff',
  'inboxTask',
  'webhook',
  'goal',
  'exit',
  'trigger',
] as const satisfies readonly JourneyNodeType[];

/** Where a new step's card goes below the one it follows. */
export const ROW_HEIGHT = 140;

/** A new step of a type with a configuration that parses (validation then says what still needs choosing). */
export function newStep(type: JourneyNodeType, id: string, position: { x: number; y: number }): JourneyNode {
  const base = { id, position };
  switch (type) {
    case 'trigger':
      return { ...base, type, config: { kind: 'manual' }, next: { next: null } };
    case 'send':
      return {
        ...base,
        type,
        config: { channel: 'email', templateId: null, topic: '', purpose: 'marketing' },
        next: { next: null },
      };
    case 'wait':
      return { ...base, type, config: { mode: 'duration', seconds: 86_400 }, next: { next: null } };
    case 'waitForEvent':
      return {
        ...base,
        type,
        config: { event: 'email_opened', filters: [], matchTriggerKey: false, timeoutSeconds: 2 * 86_400 },
        next: { received: null, timeout: null },
      };
    case 'branch':
      return { ...base, type, config: { kind: 'reachable', channel: 'sms' }, next: { yes: null, no: null } };
    case 'split':
      return {
        ...base,
        type,
        config: { percentages: [50, 50] },
        next: { a: null, b: null, c: null, d: null, e: null },
      };
    case 'update':
      return { ...base, type, config: { kind: 'addTag', tag: 'journey' }, next: { next: null } };
    case 'handOff':
      return { ...base, type, config: {}, next: { next: null } };
    case 'inboxTask':
      return { ...base, type, config: { note: 'Follow up with this contact' }, next: { next: null } };
    case 'webhook':
      return { ...base, type, config: { url: 'https://', timeoutSeconds: 10 }, next: { next: null } };
    case 'goal':
      return { ...base, type, config: {}, next: {} };
    case 'exit':
      return { ...base, type, config: {}, next: {} };
  }
}

/** A short id from the type that no step of the graph has yet (ids show in reports, so they stay readable). */
export function freshId(graph: JourneyGraph, type: JourneyNodeType): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let n = 1; ; n++) {
    const id = `${type}${n}`;
    if (!taken.has(id)) return id;
  }
}

const replaceNode = (graph: JourneyGraph, id: string, change: (node: JourneyNode) => JourneyNode) => ({
  ...graph,
  nodes: graph.nodes.map((node) => (node.id === id ? change(node) : node)),
});

/** The first outlet of a step that leads nowhere yet, if any. */
export function openOutlet(node: JourneyNode): string | null {
  return outletsOf(node).find((outlet) => targetOf(node, outlet) === null) ?? null;
}

/**
 * Adds a step. After `after` (a selected step), it goes below it and takes that step's first open outlet, so
 * clicking through the palette builds a path; otherwise at `position`.
 */
export function addStep(
  graph: JourneyGraph,
  type: JourneyNodeType,
  place: { after: string } | { position: { x: number; y: number } },
): { graph: JourneyGraph; id: string } {
  const id = freshId(graph, type);
  const previous = 'after' in place ? graph.nodes.find((n) => n.id === place.after) : undefined;
  const position =
    'position' in place
      ? place.position
      : previous
        ? { x: previous.position.x, y: previous.position.y + ROW_HEIGHT }
        : { x: 0, y: 0 };
  let next: JourneyGraph = { ...graph, nodes: [...graph.nodes, newStep(type, id, position)] };
  const outlet = previous ? openOutlet(previous) : null;
  if (previous && outlet) next = connect(next, previous.id, outlet, id);
  return { graph: next, id };
}

/** Points an outlet at a step (null disconnects it). A step cannot lead to itself or back to the entry. */
export function connect(graph: JourneyGraph, from: string, outlet: string, to: string | null): JourneyGraph {
  if (to === from) return graph;
  const target = to === null ? null : graph.nodes.find((n) => n.id === to);
  if (to !== null && (!target || target.type === 'trigger')) return graph;
  return replaceNode(graph, from, (node) => {
    if (!outletsOf(node).includes(outlet)) return node;
    return { ...node, next: { ...node.next, [outlet]: to } } as JourneyNode;
  });
}

/** Removes a step and every connection into it (those outlets become open, which validation shows). */
export function removeStep(graph: JourneyGraph, id: string): JourneyGraph {
  return {
    ...graph,
    nodes: graph.nodes
      .filter((node) => node.id !== id)
      .map((node) => {
        const entries = Object.entries(node.next as Record<string, string | null>);
        if (!entries.some(([, target]) => target === id)) return node;
        const next = Object.fromEntries(entries.map(([k, target]) => [k, target === id ? null : target]));
        return { ...node, next } as JourneyNode;
      }),
  };
}

export function moveStep(graph: JourneyGraph, id: string, position: { x: number; y: number }): JourneyGraph {
  return replaceNode(graph, id, (node) => ({ ...node, position }));
}

/** Replaces a step's configuration (the side panel's forms build a whole, valid configuration). */
export function configureStep<N extends JourneyNode>(graph: JourneyGraph, id: string, config: N['config']) {
  return replaceNode(graph, id, (node) => ({ ...node, config }) as JourneyNode);
}

export function labelStep(graph: JourneyGraph, id: string, label: string): JourneyGraph {
  return replaceNode(graph, id, (node) => {
    const { label: _old, ...rest } = node;
    return label.trim() ? { ...rest, label } : rest;
  });
}

/**
 * A split's percentages change how many outlets it has: outlets beyond the new count are disconnected so a
 * removed branch leaves no hidden connection behind.
 */
export function setSplit(graph: JourneyGraph, id: string, percentages: number[]): JourneyGraph {
  return replaceNode(graph, id, (node) => {
    if (node.type !== 'split') return node;
    const keep = new Set('abcde'.slice(0, percentages.length).split(''));
    const next = Object.fromEntries(
      Object.entries(node.next).map(([outlet, target]) => [outlet, keep.has(outlet) ? target : null]),
    ) as typeof node.next;
    return { ...node, config: { percentages }, next };
  });
}

/** The settings (entry rules, goals, quiet period) as the settings panel edits them. */
export function configureJourney(graph: JourneyGraph, settings: JourneyGraph['settings']): JourneyGraph {
  return { ...graph, settings };
}

/** Splits percentages evenly into `count` whole numbers adding up to 100. */
export function evenSplit(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/** The box around all steps, for "fit to screen". */
export function bounds(graph: JourneyGraph): { minX: number; minY: number; maxX: number; maxY: number } {
  if (graph.nodes.length === 0) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}
