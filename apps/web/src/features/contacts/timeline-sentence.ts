import type { MessageKey } from '../../i18n/en.ts';

export interface TimelineEvent {
  name: string;
  properties: Record<string, unknown>;
  origin: { kind: 'campaign' | 'journey'; id: string; name: string } | null;
}

/** A timeline line: a sentence from the dictionary with its values, and, for events we do not know, their facts. */
export interface TimelineSentence {
  key: MessageKey;
  params: Record<string, string | number>;
  /** A line under the sentence: the link clicked, the words written. */
  detail: string;
  /** Property name → value, readable; only for events without a sentence of their own. */
  facts: [string, string][];
  /** The message we sent that the line is about, to open it from the line. */
  messageId?: string;
}

const CHANNEL_ACTIONS = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'unsubscribed',
  'complained',
  'replied',
  'failed',
  'received',
] as const;
type ChannelAction = (typeof CHANNEL_ACTIONS)[number];

const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

/** "product_viewed" → "product viewed": an event's own name, readable, when we have no sentence for it. */
export const readableEventName = (name: string) => name.replace(/[_.-]+/g, ' ').trim();

/** Values as people read them: lists of items as "2 × Scarf", objects as key: value pairs, nothing as JSON. */
export function readableValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(readableValue).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string')
      return `${typeof record.quantity === 'number' ? `${record.quantity} × ` : ''}${record.name}`;
    return Object.entries(record)
      .map(([k, v]) => `${readableEventName(k)}: ${readableValue(v)}`)
      .join(', ');
  }
  return text(value);
}

// Properties the sentence itself already says, or bookkeeping nobody needs to read.
const HIDDEN_FACTS = new Set(['messageId', 'source', 'sourceId', 'journeyId', 'journeyVersionId', 'machine']);

/**
 * How a timeline event reads: Switchboard's own events (messages on each channel, lifecycle, owner, segments,
 * journey steps) and the common shop events as sentences; any other event by its name with its properties.
 */
export function describeEvent(event: TimelineEvent): TimelineSentence {
  const p = event.properties;
  const channelEvent = /^(email|sms|wechat)_([a-z]+)$/.exec(event.name);
  if (channelEvent && (CHANNEL_ACTIONS as readonly string[]).includes(channelEvent[2]!)) {
    const action = channelEvent[2] as ChannelAction;
    const machine = action === 'opened' && p.machine === true;
    // What arrived from the contact is not one of our messages; everything else is about one we sent.
    const ours = action !== 'received' && typeof p.messageId === 'string' && p.messageId !== '';
    return {
      key: machine ? 'timeline.machineOpened' : `timeline.channel.${action}`,
      params: { channel: channelEvent[1]! },
      detail: text(p.url ?? p.text ?? p.body),
      facts: [],
      ...(ours ? { messageId: p.messageId as string } : {}),
    };
  }
  switch (event.name) {
    case 'lifecycle_changed':
      return {
        key: 'timeline.lifecycleChanged',
        params: { from: text(p.from), to: text(p.to) },
        detail: '',
        facts: [],
      };
    case 'owner_assigned':
      return text(p.ownerName)
        ? { key: 'timeline.ownerAssigned', params: { owner: text(p.ownerName) }, detail: '', facts: [] }
        : { key: 'timeline.ownerRemoved', params: {}, detail: '', facts: [] };
    case 'segment_entered':
    case 'segment_exited':
      return {
        key: event.name === 'segment_entered' ? 'timeline.segmentEntered' : 'timeline.segmentExited',
        params: { segment: text(p.segmentName) },
        detail: '',
        facts: [],
      };
    case 'score_adjusted':
      return {
        key: 'timeline.scoreAdjusted',
        params: { points: Number(p.points ?? 0) },
        detail: '',
        facts: [],
      };
    case 'page_viewed':
      return {
        key: 'timeline.pageViewed',
        params: { page: text(p.path ?? p.url ?? p.title) },
        detail: '',
        facts: [],
      };
    case 'product_viewed':
      return {
        key: 'timeline.productViewed',
        params: { product: text(p.name ?? p.product) },
        detail: '',
        facts: [],
      };
    case 'cart_abandoned':
      return {
        key: 'timeline.cartAbandoned',
        params: { items: readableValue(p.items) },
        detail: '',
        facts: [],
      };
    case 'order_completed':
    case 'purchase':
      return {
        key: 'timeline.orderCompleted',
        params: { items: readableValue(p.items) },
        detail: '',
        facts: [],
      };
  }
  return {
    key: 'timeline.customEvent',
    params: { event: readableEventName(event.name) },
    detail: '',
    facts: Object.entries(p)
      .filter(([key]) => !HIDDEN_FACTS.has(key))
      .map(([key, value]) => [readableEventName(key), readableValue(value)]),
  };
}
