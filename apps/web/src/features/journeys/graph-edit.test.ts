import { describe, expect, it } from 'vitest';
import { journeyGraphSchema, recipeGraph, validateJourney, type JourneyGraph } from '@switchboard/journeys';
import { EditHistory } from '../../lib/edit-history.ts';
import {
  addStep,
  connect,
  evenSplit,
  labelStep,
  newStep,
  removeStep,
  setSplit,
  STEP_TYPES,
} from './graph-edit.ts';

const noContext = { templates: new Map(), segments: new Set<string>() };

describe('editing a journey graph in the builder', () => {
  it('makes new steps of every type that the server schema accepts', () => {
    for (const type of STEP_TYPES)
      expect(() => journeyGraphSchema.parse({ nodes: [newStep(type, 'x', { x: 0, y: 0 })] })).not.toThrow();
  });

  it('adding after a step puts the new one below and connects the first open outlet', () => {
    let graph: JourneyGraph = recipeGraph('blank');
    graph = connect(graph, 'entry', 'next', null);
    const { graph: withSend, id } = addStep(graph, 'send', { after: 'entry' });
    expect(id).toBe('send1');
    const entry = withSend.nodes.find((n) => n.id === 'entry')!;
    expect(entry.next).toEqual({ next: 'send1' });
    expect(withSend.nodes.find((n) => n.id === 'send1')!.position).toEqual({ x: 0, y: 140 });
    // Every outlet taken: the new step stands alone and validation names its open path.
    const { graph: twice } = addStep(withSend, 'wait', { after: 'entry' });
    expect(twice.nodes.find((n) => n.id === 'entry')!.next).toEqual({ next: 'send1' });
  });

  it('never connects a step to itself or to the entry, and removing a step opens the paths into it', () => {
    const graph = recipeGraph('welcome');
    expect(connect(graph, 'welcome', 'next', 'welcome')).toBe(graph);
    expect(connect(graph, 'welcome', 'next', 'entry')).toBe(graph);
    const removed = removeStep(graph, 'wait2d');
    expect(removed.nodes.some((n) => n.id === 'wait2d')).toBe(false);
    expect(removed.nodes.find((n) => n.id === 'welcome')!.next).toEqual({ next: null });
    const problems = validateJourney(removed, noContext).map((p) => `${p.nodeId}: ${p.message}`);
    expect(problems).toContain('welcome: Connect the next path: every path must end');
  });

  it('shrinking a split disconnects the branches it no longer has', () => {
    let graph = addStep(recipeGraph('blank'), 'split', { position: { x: 0, y: 300 } }).graph;
    graph = connect(graph, 'split1', 'c', 'done');
    graph = setSplit(graph, 'split1', evenSplit(3));
    graph = connect(graph, 'split1', 'c', 'done');
    expect(graph.nodes.find((n) => n.id === 'split1')!.next).toMatchObject({ c: 'done' });
    graph = setSplit(graph, 'split1', evenSplit(2));
    expect(graph.nodes.find((n) => n.id === 'split1')!.next).toMatchObject({ c: null });
    expect(evenSplit(3)).toEqual([34, 33, 33]);
    expect(evenSplit(3).reduce((a, b) => a + b)).toBe(100);
  });

  it('labels can be cleared, and undo walks back through edits', () => {
    const history = new EditHistory<JourneyGraph>(recipeGraph('welcome'));
    history.push(labelStep(history.current, 'welcome', 'Say hello'));
    expect(history.current.nodes[1]!.label).toBe('Say hello');
    history.push(labelStep(history.current, 'welcome', ' '));
    expect('label' in history.current.nodes[1]!).toBe(false);
    history.undo();
    history.undo();
    expect(history.current).toEqual(recipeGraph('welcome'));
  });
});
