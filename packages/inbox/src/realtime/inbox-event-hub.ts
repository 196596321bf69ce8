import pg from 'pg';
import type { Database, EntityManager } from '@switchboard/db';
import {
  INBOX_CHANNEL,
  INBOX_EPHEMERAL_CHANNEL,
  inboxEventsAfter,
  latestInboxEventId,
  type InboxEventRow,
} from './inbox-events.ts';

/** What an agent's stream receives: stored events (resumable by id) and live-only signals (typing, presence). */
export type InboxStreamItem = { type: 'event'; event: InboxEventRow } | { type: 'live'; signal: LiveSignal };

export type LiveSignal =
  | { kind: 'typing'; conversationId: string; userId: string; name: string }
  | { kind: 'presence'; userId: string; online: boolean };

/** Recent events kept per workspace so a burst wakes every stream without a read per stream. */
const RING_SIZE = 2000;

class WorkspaceFeed {
  /** Every event of the workspace with an id in (floor, cursor], oldest first. */
  ring: InboxEventRow[] = [];
  floor = 0;
  cursor = 0;
  ready: Promise<void>;
  readonly waiters = new Set<() => void>();
  readonly liveListeners = new Set<(signal: LiveSignal) => void>();
  private reading: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly workspaceId: string,
    private readonly fork: () => EntityManager,
  ) {
    this.ready = latestInboxEventId(this.fork(), workspaceId).then((id) => {
      this.cursor = id;
      this.floor = id;
    });
  }

  /** Reads what is new once for every stream of the workspace; a wake during a read schedules one more. */
  wake(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      await this.ready;
      do {
        this.again = false;
        for (;;) {
          const events = await inboxEventsAfter(this.fork(), this.workspaceId, this.cursor, 500);
          if (events.length === 0) break;
          this.ring.push(...events);
          if (this.ring.length > RING_SIZE) {
            const dropped = this.ring.splice(0, this.ring.length - RING_SIZE);
            this.floor = dropped.at(-1)?.id ?? this.floor;
          }
          this.cursor = events.at(-1)?.id ?? this.cursor;
          for (const waiter of [...this.waiters]) waiter();
          if (events.length < 500) break;
        }
      } while (this.again);
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  /** Events after `afterId` from memory, or null when the ring no longer reaches back that far. */
  since(afterId: number): InboxEventRow[] | null {
    if (afterId >= this.cursor) return [];
    if (afterId < this.floor) return null;
    return this.ring.filter((e) => e.id > afterId);
  }
}

export interface InboxHubDeps {
  db: Database;
  databaseUrl: string;
  log: (level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/**
 * One LISTEN connection per server process: a commit anywhere (this process, another server, a worker) wakes the
 * workspace's feed, which reads the new events once and hands them to every agent stream of that workspace here.
 * Agents resume from the last id they saw; a lost connection is re-established and every feed re-read, so nothing
 * committed in between is missed.
 */
export class InboxEventHub {
  private client: pg.Client | null = null;
  private readonly feeds = new Map<string, { feed: WorkspaceFeed; streams: number }>();
  private stopped = false;
  /** Ends every stream when the process stops (their clients reconnect to another server and resume). */
  private readonly stopping = new AbortController();
  private connecting: Promise<void> | null = null;

  constructor(private readonly deps: InboxHubDeps) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    this.connecting ??= (async () => {
      while (!this.stopped) {
        const client = new pg.Client({ connectionString: this.deps.databaseUrl });
        try {
          client.on('error', () => undefined);
          client.on('end', () => {
            if (this.client !== client) return;
            this.client = null;
            if (!this.stopped) void this.connect();
          });
          client.on('notification', (n) => this.notified(n.channel, n.payload ?? ''));
          await client.connect();
          await client.query(`listen ${INBOX_CHANNEL}`);
          await client.query(`listen ${INBOX_EPHEMERAL_CHANNEL}`);
          this.client = client;
          // Whatever was committed while we were not listening.
          for (const { feed } of this.feeds.values()) void feed.wake();
          return;
        } catch (error) {
          await client.end().catch(() => undefined);
          this.deps.log('error', 'inbox listener could not connect; retrying', {
            error: (error as Error).message,
          });
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private notified(channel: string, payload: string) {
    if (channel === INBOX_CHANNEL) {
      void this.feeds
        .get(payload)
        ?.feed.wake()
        .catch((error: unknown) =>
          this.deps.log('error', 'inbox feed read failed', { error: (error as Error).message }),
        );
      return;
    }
    try {
      const { workspaceId, signal } = JSON.parse(payload) as { workspaceId: string; signal: LiveSignal };
      for (const listener of this.feeds.get(workspaceId)?.feed.liveListeners ?? []) listener(signal);
    } catch {
      // Only we NOTIFY on this channel; a malformed payload is dropped, not fatal.
    }
  }

  /** Sends a live-only signal to every server's streams of the workspace. */
  async signal(em: EntityManager, workspaceId: string, signal: LiveSignal): Promise<void> {
    await em
      .getConnection()
      .execute('select pg_notify(?, ?)', [INBOX_EPHEMERAL_CHANNEL, JSON.stringify({ workspaceId, signal })]);
  }

  private feedOf(workspaceId: string): WorkspaceFeed {
    let entry = this.feeds.get(workspaceId);
    if (!entry) {
      entry = { feed: new WorkspaceFeed(workspaceId, () => this.deps.db.fork()), streams: 0 };
      this.feeds.set(workspaceId, entry);
    }
    entry.streams++;
    return entry.feed;
  }

  private release(workspaceId: string) {
    const entry = this.feeds.get(workspaceId);
    if (entry && --entry.streams === 0) this.feeds.delete(workspaceId);
  }

  /**
   * An agent's stream: everything after `lastEventId` (or from now), then live, until `signal` aborts. Events come
   * in id order, each once.
   */
  async *stream(
    workspaceId: string,
    lastEventId: number | null,
    signal: AbortSignal,
  ): AsyncGenerator<InboxStreamItem> {
    const feed = this.feedOf(workspaceId);
    const live: LiveSignal[] = [];
    let wake: (() => void) | null = null;
    const poke = () => wake?.();
    const onLive = (s: LiveSignal) => {
      live.push(s);
      poke();
    };
    feed.waiters.add(poke);
    feed.liveListeners.add(onLive);
    signal.addEventListener('abort', poke);
    const stopping = this.stopping.signal;
    stopping.addEventListener('abort', poke);
    try {
      await feed.ready;
      let last = lastEventId ?? feed.cursor;
      while (!signal.aborted && !stopping.aborted) {
        let events = feed.since(last);
        if (events === null) events = await inboxEventsAfter(this.deps.db.fork(), workspaceId, last, 500);
        for (const event of events) {
          last = event.id;
          yield { type: 'event', event };
        }
        while (live.length) {
          const next = live.shift();
          if (next) yield { type: 'live', signal: next };
        }
        if (last < feed.cursor) continue;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (signal.aborted || stopping.aborted || live.length || last < feed.cursor) resolve();
        });
        wake = null;
      }
    } finally {
      feed.waiters.delete(poke);
      feed.liveListeners.delete(onLive);
      signal.removeEventListener('abort', poke);
      stopping.removeEventListener('abort', poke);
      this.release(workspaceId);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
