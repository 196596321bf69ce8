// Types only: this module runs inside workflows, where zod (the schemas) is not wanted.
import type { JourneyGraph, JourneyNode, JourneyNodeType } from './journey-graph.ts';

/** The outlets a step of this type has, in the order the builder draws them. */
export function outletsOf(node: JourneyNode): string[] {
  if (node.type === 'split') return ['a', 'b', 'c', 'd', 'e'].slice(0, node.config.percentages.length);
  return Object.keys(node.next);
}

/** Where an outlet of a step leads, or null when it is not connected. */
export function targetOf(node: JourneyNode, outlet: string): string | null {
  return (node.next as Record<string, string | null>)[outlet] ?? null;
}

/** Steps that hold an instance for a while: a loop through one of them cannot spin. */
export const WAITING_TYPES: ReadonlySet<JourneyNodeType> = new Set(['wait', 'waitForEvent']);

/** FNV-1a, 32 bits: a stable hash that workflow code may use (no crypto, no randomness, same on every replay). */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Which outlet of a random split an instance takes: a bucket 0–99 from the instance and the step, so the choice
 * is the same on every replay and independent between splits, and the shares follow the percentages.
 */
export function splitOutlet(percentages: readonly number[], instanceId: string, nodeId: string): string {
  const bucket = stableHash(`${instanceId}:${nodeId}`) % 100;
  let upTo = 0;
  for (const [index, percent] of percentages.entries()) {
    upTo += percent;
    if (bucket < upTo) return 'abcde'[index]!;
  }
  return 'abcde'[percentages.length - 1]!;
}

/** The steps of a graph by id, and the entry. */
export function indexGraph(graph: JourneyGraph): {
  byId: Map<string, JourneyNode>;
  entry: JourneyNode | null;
} {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return { byId, entry: graph.nodes.find((node) => node.type === 'trigger') ?? null };
}

/** Where an instance goes from a step through one of its outlets; null ends the instance (an open path). */
export function stepAfter(
  byId: ReadonlyMap<string, JourneyNode>,
  node: JourneyNode,
  outlet: string,
): JourneyNode | null {
  if (!outletsOf(node).includes(outlet)) return null;
  const target = targetOf(node, outlet);
  return target === null ? null : (byId.get(target) ?? null);
}
