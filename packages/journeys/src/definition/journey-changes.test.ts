import { describe, expect, it } from 'vitest';
import { recipeGraph } from './recipes.ts';
import { describeChanges } from './journey-changes.ts';

describe('what publishing changes', () => {
  it('names added, removed, reconfigured and reconnected steps, and ignores layout', () => {
    const live = recipeGraph('welcome');
    expect(describeChanges(null, live)).toEqual(['First version: everything is new']);
    const moved = recipeGraph('welcome');
    moved.nodes[1]!.position = { x: 300, y: 999 };
    expect(describeChanges(live, moved)).toEqual(['Nothing changed but the layout']);

    const draft = recipeGraph('welcome');
    const wait = draft.nodes.find((n) => n.id === 'wait2d')!;
    if (wait.type === 'wait') wait.config = { mode: 'duration', seconds: 86_400 };
    draft.nodes = draft.nodes.filter((n) => n.id !== 'tips');
    draft.nodes.push({
      id: 'tag',
      type: 'update',
      position: { x: 0, y: 0 },
      config: { kind: 'addTag', tag: 'new' },
      next: { next: 'done' },
    });
    (wait.next as Record<string, string | null>).next = 'tag';
    draft.settings.reentry = { mode: 'always' };
    expect(describeChanges(live, draft)).toEqual([
      'Changed wait (wait2d)',
      'Reconnected wait (wait2d)',
      'Added contact update (tag)',
      'Removed send (tips)',
      'Changed the entry rules, goals or quiet period',
    ]);
  });
});

describe('recipes', () => {
  it('are complete graphs whose only problems are the templates still to choose', async () => {
    const { RECIPE_KEYS } = await import('./recipes.ts');
    const { validateJourney } = await import('./validate-journey.ts');
    for (const key of RECIPE_KEYS) {
      const problems = validateJourney(recipeGraph(key), { templates: new Map(), segments: new Set() });
      for (const problem of problems)
        expect(problem.message, `${key}: ${problem.nodeId}`).toBe('Choose a template for this message');
    }
  });
});
