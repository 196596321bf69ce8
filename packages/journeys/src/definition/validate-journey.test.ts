import { describe, expect, it } from 'vitest';
import { journeyGraphSchema, type JourneyGraph } from './journey-graph.ts';
import { validateJourney, type ValidationContext } from './validate-journey.ts';
import { splitOutlet, stableHash } from './journey-steps.ts';

const EMAIL = '11111111-1111-4111-8111-111111111111';
const SMS = '22222222-2222-4222-8222-222222222222';
const DRAFT = '33333333-3333-4333-8333-333333333333';
const SEGMENT = '44444444-4444-4444-8444-444444444444';
const context: ValidationContext = {
  templates: new Map([
    [EMAIL, { channel: 'email', published: true, name: 'Cart reminder' }],
    [SMS, { channel: 'sms', published: true, name: 'Cart SMS' }],
    [DRAFT, { channel: 'email', published: false, name: 'Draft only' }],
  ]),
  segments: new Set([SEGMENT]),
};

/** The abandoned-cart pattern with its fallback: email → not purchased in 2 days → SMS → exit. */
function cart(): JourneyGraph {
  return journeyGraphSchema.parse({
    nodes: [
      {
        id: 'entry',
        type: 'trigger',
        config: { kind: 'event', event: 'cart_abandoned', key: 'cart_id' },
        next: { next: 'mail' },
      },
      { id: 'mail', type: 'send', config: { channel: 'email', templateId: EMAIL }, next: { next: 'wait' } },
      {
        id: 'wait',
        type: 'waitForEvent',
        config: { event: 'purchase', matchTriggerKey: true, timeoutSeconds: 2 * 86_400 },
        next: { received: 'won', timeout: 'text' },
      },
      { id: 'text', type: 'send', config: { channel: 'sms', templateId: SMS }, next: { next: 'done' } },
      { id: 'won', type: 'goal', config: {}, next: {} },
      { id: 'done', type: 'exit', config: {}, next: {} },
    ],
  });
}

const problems = (graph: JourneyGraph) =>
  validateJourney(graph, context).map((p) => `${p.nodeId}: ${p.message}`);

describe('journey validation', () => {
  it('accepts the abandoned-cart journey with its fallback', () => {
    expect(problems(cart())).toEqual([]);
  });

  it('wants exactly one entry and every step reachable from it', () => {
    const graph = cart();
    graph.nodes = graph.nodes.filter((n) => n.type !== 'trigger');
    expect(problems(graph)).toContain('null: Add an entry trigger: how contacts get in');
    const orphan = cart();
    orphan.nodes.push({ id: 'lost', type: 'exit', position: { x: 0, y: 0 }, config: {}, next: {} });
    expect(problems(orphan)).toEqual(['lost: No path from the entry reaches this step']);
  });

  it('wants every path to end, and a timeout path on every wait for an event', () => {
    const graph = cart();
    const wait = graph.nodes.find((n) => n.id === 'wait')!;
    (wait.next as Record<string, string | null>).timeout = null;
    expect(problems(graph)).toContain(
      'wait: A wait for an event needs a path for when it does not come: connect “timed out”',
    );
    const dangling = cart();
    (dangling.nodes.find((n) => n.id === 'text')!.next as Record<string, string | null>).next = 'gone';
    expect(problems(dangling)).toContain('text: The next path leads to a step that no longer exists');
  });

  it('refuses a loop without a wait, and allows one through a wait', () => {
    const graph = cart();
    (graph.nodes.find((n) => n.id === 'text')!.next as Record<string, string | null>).next = 'mail';
    // mail → wait → text → mail passes the wait: allowed.
    expect(problems(graph)).toEqual(expect.not.arrayContaining([expect.stringMatching(/loop/)]));
    const spin = cart();
    spin.nodes.push({
      id: 'again',
      type: 'branch',
      position: { x: 0, y: 0 },
      config: { kind: 'reachable', channel: 'sms' },
      next: { yes: 'text', no: 'done' },
    });
    (spin.nodes.find((n) => n.id === 'text')!.next as Record<string, string | null>).next = 'again';
    expect(
      problems(spin)
        .filter((p) => p.includes('loop'))
        .sort(),
    ).toEqual([
      'again: This step is on a loop without a wait: contacts would go round it at once',
      'text: This step is on a loop without a wait: contacts would go round it at once',
    ]);
  });

  it('wants sends to name a published template of their own channel', () => {
    const graph = cart();
    const mail = graph.nodes.find((n) => n.id === 'mail')!;
    if (mail.type === 'send') mail.config.templateId = SMS;
    expect(problems(graph)).toContain('mail: “Cart SMS” is a sms template; this step sends email');
    if (mail.type === 'send') mail.config.templateId = DRAFT;
    expect(problems(graph)).toContain('mail: Publish “Draft only” first: journeys send published versions');
  });

  it('checks splits add up, keyed matching has a keyed trigger, and segments exist', () => {
    const graph = journeyGraphSchema.parse({
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'segment', segmentId: SEGMENT },
          next: { next: 'split' },
        },
        { id: 'split', type: 'split', config: { percentages: [50, 30] }, next: { a: 'w', b: 'done' } },
        {
          id: 'w',
          type: 'waitForEvent',
          config: { event: 'purchase', matchTriggerKey: true, timeoutSeconds: 60 },
          next: { received: 'done', timeout: 'done' },
        },
        { id: 'done', type: 'exit', config: {}, next: {} },
      ],
      settings: { goals: [{ kind: 'segment', segmentId: '55555555-5555-4555-8555-555555555555' }] },
    });
    expect(problems(graph)).toEqual([
      'split: The split adds up to 80 %; make it 100 %',
      'w: Only a journey whose trigger is keyed (e.g. by cart_id) can match the event to that key',
      'null: A goal names a segment that no longer exists',
    ]);
  });
});

describe('random splits', () => {
  it('follow the percentages and choose the same way on every replay', () => {
    const taken = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (let i = 0; i < 10_000; i++) taken[splitOutlet([20, 30, 50], `instance-${i}`, 'split-1')]!++;
    expect(taken.a! / 10_000).toBeCloseTo(0.2, 1);
    expect(taken.b! / 10_000).toBeCloseTo(0.3, 1);
    expect(taken.c! / 10_000).toBeCloseTo(0.5, 1);
    expect(splitOutlet([50, 50], 'x', 'y')).toBe(splitOutlet([50, 50], 'x', 'y'));
    expect(stableHash('abc')).toBe(0x1a47e90b);
  });
});
