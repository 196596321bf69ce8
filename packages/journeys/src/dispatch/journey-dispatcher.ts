import pg from 'pg';
import type { Database, EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
import { instancesNotStarted } from '../engine/enrolment.ts';
import type { JourneyTemporal } from '../engine/start-instances.ts';
import { EventCursor } from './event-cursor.ts';
import { EventDispatch, waitsFor, type StoredEvent, type WaitRow } from './dispatch-events.ts';
import { JOURNEYS_STAMP_SQL, LiveJourneys } from './live-journeys.ts';
import { enrolDueDates } from './date-triggers.ts';

export interface JourneyDispatcherDeps {
  db: Database;
  /** For the session that listens for new events and holds the leadership lock. */
  databaseUrl: string;
  temporal: JourneyTemporal;
  log: (level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** Longest sleep between passes when no notification arrives (ms). */
  pollMs?: number;
  /** Events read per pass. */
  batchSize?: number;
}

const CURSOR_NAME = 'journeys';
const LEADER_LOCK = 'switchboard:journey-dispatcher';
const SWEEP_EVERY_MS = 60_000;
// Recovery is not urgent: a few starts at a time keep the task queue shallow, so live work is not queued behind it.
const SWEEP_CONCURRENCY = 4;
const DATES_EVERY_MS = 5 * 60_000;
const CURSOR_SAVE_MS = 1000;
/**
 * Passes start at most this often while events keep coming: under load one pass takes the events of several
 * notifications (measured at 100 events/s: a pass per event before), for at most this much added latency.
 */
const MIN_PASS_INTERVAL_MS = 20;

/**
 * A pass's read, in one statement: the new events, the journeys' stamp (the same snapshot, so an event stored
 * after a journey went live finds it live) and the waits of those events' contacts for those events' names.
 */
const READ_PASS = `with e as materialized (
    select id, workspace_id, contact_id, name, properties from events where id > ? order by id limit ?
  )
  select (${JOURNEYS_STAMP_SQL}) as stamp,
    coalesce((select json_agg(e order by e.id) from e), '[]'::json) as events,
    coalesce((select json_agg(w) from (${waitsFor({
      workspaces: '(select array_agg(workspace_id) from e)',
      contacts: '(select array_agg(contact_id) from e)',
      names: '(select array_agg(name) from e)',
    })}) w), '[]'::json) as waits`;

/**
 * Follows the event stream for journeys: every insert into events wakes it (LISTEN), it reads what is new from its
 * cursor and dispatches entries and signals. One process leads (a session advisory lock); the others stand by and
 * take over if it goes. Nothing is lost across restarts: the cursor is stored, and re-reading is harmless because
 * enrolment and signals are idempotent. It also restarts admitted instances whose workflow never started, and
 * enrols date-triggered journeys every few minutes.
 */
export class JourneyDispatcher {
  private readonly dispatch: EventDispatch;
  private readonly journeys = new LiveJourneys();
  private client: pg.Client | null = null;
  private cursor: EventCursor | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A notification came while a pass was running: the next sleep must not wait for another. */
  private notified = false;
  private lastSweep = 0;
  private lastDates = 0;
  private savedPosition = -1;
  private savedAt = 0;

  constructor(private readonly deps: JourneyDispatcherDeps) {
    this.dispatch = new EventDispatch(deps.temporal, this.journeys);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.lead())) {
          await this.sleep(5000);
          continue;
        }
        const started = Date.now();
        const full = await this.pass();
        await this.housekeeping();
        if (!full) await this.sleep(this.deps.pollMs ?? 1000);
        const since = Date.now() - started;
        if (this.running && since < MIN_PASS_INTERVAL_MS)
          await new Promise((resolve) => setTimeout(resolve, MIN_PASS_INTERVAL_MS - since));
      } catch (error) {
        this.deps.log('error', 'journey dispatcher pass failed', { error: (error as Error).message });
        await this.client?.end().catch(() => undefined);
        this.client = null;
        await this.sleep(1000);
      }
    }
  }

  /** Whether this process leads; connects, listens and takes the lock when it can. */
  private async lead(): Promise<boolean> {
    if (this.client) return true;
    const client = new pg.Client({ connectionString: this.deps.databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as locked',
      [LEADER_LOCK],
    );
    if (!rows[0]?.locked) {
      await client.end();
      return false;
    }
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    await client.query('listen switchboard_events');
    this.client = client;
    this.cursor = null;
    return true;
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** One read from the cursor; true when the batch was full (more is waiting). */
  async pass(em: EntityManager = this.deps.db.fork()): Promise<boolean> {
    // Cleared before reading: a notification from here on is for events this read may not see.
    this.notified = false;
    this.cursor ??= new EventCursor(await this.storedPosition(em));
    const batchSize = this.deps.batchSize ?? 2000;
    const [read] = await sql<{ stamp: string; events: StoredEvent[]; waits: WaitRow[] }>(em, READ_PASS, [
      this.cursor.position,
      batchSize,
    ]);
    const events = read?.events ?? [];
    const fresh = new Set(
      this.cursor.accept(
        events.map((e) => Number(e.id)),
        Date.now(),
      ),
    );
    const batch = events.filter((e) => fresh.has(Number(e.id))).map((e) => ({ ...e, id: Number(e.id) }));
    if (batch.length > 0) await this.dispatch.handle(em, batch, read);
    // At most once a second: the stored cursor only bounds what a restart reads again, and re-reading is harmless.
    if (this.cursor.position !== this.savedPosition && Date.now() - this.savedAt >= CURSOR_SAVE_MS) {
      await sql(
        em,
        `insert into journey_dispatch_cursors (name, event_id, updated_at) values (?, ?, now())
         on conflict (name) do update set event_id = excluded.event_id, updated_at = now()`,
        [CURSOR_NAME, this.cursor.position],
      );
      this.savedPosition = this.cursor.position;
      this.savedAt = Date.now();
    }
    return events.length === batchSize;
  }

  /** Where the stored cursor is; a first start begins at the newest event (history does not trigger journeys). */
  private async storedPosition(em: EntityManager): Promise<number> {
    const [row] = await sql<{ event_id: string }>(
      em,
      'select event_id from journey_dispatch_cursors where name = ?',
      [CURSOR_NAME],
    );
    if (row) return Number(row.event_id);
    const [newest] = await sql<{ id: string | null }>(em, 'select max(id) as id from events');
    return Number(newest?.id ?? 0);
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    const em = this.deps.db.fork();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      const started = await this.deps.temporal.restart(await instancesNotStarted(em), SWEEP_CONCURRENCY);
      if (started > 0)
        this.deps.log('info', 'journey instances whose workflow had not started were started', { started });
    }
    if (now - this.lastDates >= DATES_EVERY_MS) {
      this.lastDates = now;
      await enrolDueDates(em, (await this.journeys.index(em)).byDate, this.deps.temporal);
    }
  }
}
