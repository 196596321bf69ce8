import { journeyGraphSchema, type JourneyGraph } from './journey-graph.ts';

/**
 * Journeys to start from. Each is a complete graph whose sends still need their templates chosen (validation says
 * so on each send step); waits and goals are set to what the pattern usually wants.
 */
export const RECIPES = {
  blank: {
    name: 'Blank journey',
    graph: {
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'manual' },
          next: { next: 'done' },
          position: { x: 0, y: 0 },
        },
        { id: 'done', type: 'exit', config: {}, next: {}, position: { x: 0, y: 160 } },
      ],
    },
  },
  welcome: {
    name: 'Welcome series',
    graph: {
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'event', event: 'signed_up' },
          next: { next: 'welcome' },
          position: { x: 0, y: 0 },
        },
        {
          id: 'welcome',
          type: 'send',
          config: { channel: 'email' },
          next: { next: 'wait2d' },
          position: { x: 0, y: 140 },
        },
        {
          id: 'wait2d',
          type: 'wait',
          config: { mode: 'duration', seconds: 2 * 86_400 },
          next: { next: 'tips' },
          position: { x: 0, y: 280 },
        },
        {
          id: 'tips',
          type: 'send',
          config: { channel: 'email' },
          next: { next: 'done' },
          position: { x: 0, y: 420 },
        },
        { id: 'done', type: 'exit', config: {}, next: {}, position: { x: 0, y: 560 } },
      ],
    },
  },
  abandonedCart: {
    name: 'Abandoned cart (email → SMS → WeChat)',
    graph: {
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'event', event: 'cart_abandoned', key: 'cart_id' },
          next: { next: 'email' },
          position: { x: 0, y: 0 },
        },
        {
          id: 'email',
          type: 'send',
          config: { channel: 'email' },
          next: { next: 'bought1' },
          position: { x: 0, y: 140 },
        },
        {
          id: 'bought1',
          type: 'waitForEvent',
          config: { event: 'purchase', matchTriggerKey: true, timeoutSeconds: 2 * 86_400 },
          next: { received: 'won', timeout: 'smsOk' },
          position: { x: 0, y: 280 },
        },
        {
          id: 'smsOk',
          type: 'branch',
          config: { kind: 'reachable', channel: 'sms' },
          next: { yes: 'sms', no: 'wechatOk' },
          position: { x: 0, y: 420 },
        },
        {
          id: 'sms',
          type: 'send',
          config: { channel: 'sms' },
          next: { next: 'bought2' },
          position: { x: -200, y: 560 },
        },
        {
          id: 'bought2',
          type: 'waitForEvent',
          config: { event: 'purchase', matchTriggerKey: true, timeoutSeconds: 86_400 },
          next: { received: 'won', timeout: 'wechatOk' },
          position: { x: -200, y: 700 },
        },
        {
          id: 'wechatOk',
          type: 'branch',
          config: { kind: 'reachable', channel: 'wechat' },
          next: { yes: 'wechat', no: 'done' },
          position: { x: 0, y: 840 },
        },
        {
          id: 'wechat',
          type: 'send',
          config: { channel: 'wechat' },
          next: { next: 'done' },
          position: { x: 0, y: 980 },
        },
        { id: 'won', type: 'goal', config: {}, next: {}, position: { x: 260, y: 420 } },
        { id: 'done', type: 'exit', config: {}, next: {}, position: { x: 0, y: 1120 } },
      ],
      settings: { goals: [{ kind: 'event', event: 'purchase' }] },
    },
  },
  leadNurturing: {
    name: 'Lead nurturing with hand-off to sales',
    graph: {
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'event', event: 'whitepaper_downloaded' },
          next: { next: 'guide' },
          position: { x: 0, y: 0 },
        },
        {
          id: 'guide',
          type: 'send',
          config: { channel: 'email' },
          next: { next: 'score' },
          position: { x: 0, y: 140 },
        },
        {
          id: 'score',
          type: 'update',
          config: { kind: 'score', points: 10 },
          next: { next: 'wait' },
          position: { x: 0, y: 280 },
        },
        {
          id: 'wait',
          type: 'waitForEvent',
          config: { event: 'email_clicked', timeoutSeconds: 5 * 86_400 },
          next: { received: 'handoff', timeout: 'done' },
          position: { x: 0, y: 420 },
        },
        { id: 'handoff', type: 'handOff', config: {}, next: { next: 'done' }, position: { x: 0, y: 560 } },
        { id: 'done', type: 'exit', config: {}, next: {}, position: { x: 0, y: 700 } },
      ],
    },
  },
  reEngagement: {
    name: 'Re-engagement of inactive contacts',
    graph: {
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'manual' },
          next: { next: 'missYou' },
          position: { x: 0, y: 0 },
        },
        {
          id: 'missYou',
          type: 'send',
          config: { channel: 'email' },
          next: { next: 'wait' },
          position: { x: 0, y: 140 },
        },
        {
          id: 'wait',
          type: 'waitForEvent',
          config: { event: 'email_clicked', timeoutSeconds: 7 * 86_400 },
          next: { received: 'back', timeout: 'tag' },
          position: { x: 0, y: 280 },
        },
        { id: 'back', type: 'goal', config: {}, next: {}, position: { x: 200, y: 420 } },
        {
          id: 'tag',
          type: 'update',
          config: { kind: 'addTag', tag: 'dormant' },
          next: { next: 'done' },
          position: { x: 0, y: 420 },
        },
        { id: 'done', type: 'exit', config: {}, next: {}, position: { x: 0, y: 560 } },
      ],
    },
  },
  postPurchase: {
    name: 'Post-purchase follow-up',
    graph: {
      nodes: [
        {
          id: 'entry',
          type: 'trigger',
          config: { kind: 'event', event: 'purchase' },
          next: { next: 'thanks' },
          position: { x: 0, y: 0 },
        },
        {
          id: 'thanks',
          type: 'send',
          config: { channel: 'email', purpose: 'transactional' },
          next: { next: 'wait' },
          position: { x: 0, y: 140 },
        },
        {
          id: 'wait',
          type: 'wait',
          config: { mode: 'duration', seconds: 7 * 86_400 },
          next: { next: 'review' },
          position: { x: 0, y: 280 },
        },
        {
          id: 'review',
          type: 'send',
          config: { channel: 'email' },
          next: { next: 'done' },
          position: { x: 0, y: 420 },
        },
        { id: 'done', type: 'exit', config: {}, next: {}, position: { x: 0, y: 560 } },
      ],
    },
  },
} as const;

export type RecipeKey = keyof typeof RECIPES;
export const RECIPE_KEYS = Object.keys(RECIPES) as RecipeKey[];

/** A recipe as a fresh draft graph. */
export function recipeGraph(key: RecipeKey): JourneyGraph {
  return journeyGraphSchema.parse(structuredClone(RECIPES[key].graph));
}
