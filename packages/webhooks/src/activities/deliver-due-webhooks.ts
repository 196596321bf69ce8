import type { Database, EntityManager } from '@switchboard/db';
import { list, sql } from '@switchboard/contacts';
import { membersWithRoles, notifyMembers } from '@switchboard/scoring';
import { nextAttemptAt, RETRY_FOR_MS } from '../definition/retry-schedule.ts';
import {
  postWebhook,
  publicInternet,
  WebhookFailed,
  WebhookRefused,
  type WebhookTransport,
} from '../transport/post-webhook.ts';
import { requestBodyOf, type WebhookDeliveryRow } from '../store/webhook-deliveries.ts';
import { syncWebhookTriggers } from '../store/webhook-endpoints.ts';

export interface WebhookDeliveryDeps {
  db: Database;
  transport?: WebhookTransport;
  /** Per request. */
  timeoutMs?: number;
  /** How long one delivery is retried before it is marked failed. */
  retryForMs?: number;
  /** How long an endpoint may fail without a single success before it is disabled and its admins are told. */
  disableAfterMs?: number;
  /** Requests in flight per endpoint (one per contact at most, to keep each contact's events in order). */
  concurrency?: number;
  /** How long one activity delivers before handing back to its workflow. */
  budgetMs?: number;
  heartbeat?: () => void;
  now?: () => Date;
}

export type DeliverDueResult =
  | { state: 'gone' | 'disabled' }
  | { state: 'active'; delivered: number; failed: number; more: boolean; nextDueInMs: number | null };

interface EndpointRow {
  id: string;
  workspace_id: string;
  url: string;
  secret: string;
  enabled: boolean;
  failing_since: Date | null;
}

const BATCH = 200;

/**
 * The next deliveries to make: the oldest pending delivery of each contact (a later one waits until it succeeds or
 * runs out of retries, so a receiver sees each contact's events in order), those that are due, oldest first.
 */
const CANDIDATES = 1000;

/**
 * The next deliveries to make: due ones in id order whose contact has no earlier delivery pending (a later event
 * waits while an earlier one is retried, so a receiver sees each contact's events in order). Candidates come from
 * the pending index a page at a time, and one grouped lookup per page finds each contact's oldest pending id, so
 * the cost does not depend on the backlog nor on the planner's statistics of a table that just grew by millions.
 */
async function dueHeads(em: EntityManager, endpointId: string, now: Date): Promise<WebhookDeliveryRow[]> {
  const heads: string[] = [];
  let after = '0';
  for (let page = 0; page < 20 && heads.length < BATCH; page++) {
    const candidates = await sql<{ id: string; contact_id: string | null }>(
      em,
      `select id, contact_id from webhook_deliveries
       where endpoint_id = ? and status = 'pending' and next_attempt_at <= ? and id > ?
       order by id limit ?`,
      [endpointId, now, after, CANDIDATES],
    );
    if (candidates.length === 0) break;
    after = candidates.at(-1)!.id;
    const contacts = [
      ...new Set(candidates.map((c) => c.contact_id).filter((id): id is string => id !== null)),
    ];
    const oldest = new Map(
      (
        await sql<{ contact_id: string; id: string }>(
          em,
          `select contact_id, min(id) as id from webhook_deliveries
           where contact_id = any(?::uuid[]) and endpoint_id = ? and status = 'pending' group by contact_id`,
          [list(contacts), endpointId],
        )
      ).map((row) => [row.contact_id, String(row.id)]),
    );
    for (const candidate of candidates)
      if (candidate.contact_id === null || oldest.get(candidate.contact_id) === String(candidate.id))
        if (heads.push(String(candidate.id)) >= BATCH) break;
    if (candidates.length < CANDIDATES) break;
  }
  if (heads.length === 0) return [];
  return sql<WebhookDeliveryRow>(
    em,
    `select * from webhook_deliveries where id = any(?::bigint[]) order by id`,
    [`{${heads.join(',')}}`],
  );
}

/**
 * When the earliest waiting retry is due. Called when nothing is due: a delivery never tried then waits behind a
 * retrying one of its contact (new ones wake the workflow by signal), so retries are all there is to wait for.
 */
async function nextDueAt(em: EntityManager, endpointId: string): Promise<Date | null> {
  const [row] = await sql<{ at: Date | null }>(
    em,
    `select min(next_attempt_at) as at from webhook_deliveries
     where endpoint_id = ? and status = 'pending' and attempts > 0`,
    [endpointId],
  );
  return row?.at ? new Date(row.at) : null;
}

interface Outcome {
  row: WebhookDeliveryRow;
  ok: boolean;
  refused: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

async function attempt(
  deps: WebhookDeliveryDeps,
  endpoint: EndpointRow,
  row: WebhookDeliveryRow,
): Promise<Outcome> {
  const started = Date.now();
  try {
    const answer = await postWebhook(
      endpoint.url,
      {
        body: requestBodyOf(row),
        secret: endpoint.secret,
        timeoutMs: deps.timeoutMs ?? 10_000,
        followRedirects: false,
        headers: {
          'x-switchboard-event-id': row.event_id,
          'x-switchboard-event-type': row.type,
          'x-switchboard-delivery': String(row.id),
        },
      },
      deps.transport ?? publicInternet,
    );
    return {
      row,
      ok: true,
      refused: false,
      status: answer.status,
      body: answer.body,
      error: null,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const failed = error instanceof WebhookFailed ? error : null;
    return {
      row,
      ok: false,
      refused: error instanceof WebhookRefused,
      status: failed?.response?.status ?? null,
      body: failed?.response?.body ?? null,
      error: (error as Error).message.slice(0, 1000),
      durationMs: Date.now() - started,
    };
  }
}

/** Writes outcomes to their deliveries (the log) in one statement: success, a retry at its time, or failed. */
async function record(em: EntityManager, outcomes: Outcome[], now: Date, retryForMs: number): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((outcome) => {
    const next =
      outcome.ok || outcome.refused
        ? null
        : nextAttemptAt(new Date(outcome.row.created_at), outcome.row.attempts + 1, now, { retryForMs });
    return {
      id: String(outcome.row.id),
      status: outcome.ok ? 'delivered' : next ? 'pending' : 'failed',
      next: next?.toISOString() ?? null,
      response_status: outcome.status,
      // NUL cannot be stored in text; an endpoint's answer may hold anything.
      response_body: outcome.body?.replaceAll('\u0000', '\uFFFD') ?? null,
      error: outcome.error,
      duration_ms: outcome.durationMs,
    };
  });
  await sql(
    em,
    `update webhook_deliveries d set status = o.status, attempts = d.attempts + 1, last_attempt_at = ?,
       next_attempt_at = coalesce(o.next, d.next_attempt_at),
       delivered_at = case when o.status = 'delivered' then ?::timestamptz end,
       response_status = o.response_status, response_body = o.response_body, error = o.error,
       duration_ms = o.duration_ms
     from jsonb_to_recordset(?::jsonb) as o(id bigint, status text, next timestamptz, response_status int,
       response_body text, error text, duration_ms int)
     where d.id = o.id`,
    [now, now, JSON.stringify(rows)],
  );
}

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

/** Disables an endpoint that has only failed for `disableAfterMs`, once, and tells the workspace's admins. */
async function disableIfFailingTooLong(
  em: EntityManager,
  endpoint: EndpointRow,
  lastError: string,
  now: Date,
  disableAfterMs: number,
): Promise<boolean> {
  const days = Math.max(1, Math.round(disableAfterMs / 86_400_000));
  // The endpoint goes off and its admins hear of it together: a crash in between must not leave it off unannounced.
  return em.transactional(async (tx) => {
    const [disabled] = await sql<{ id: string }>(
      tx,
      `update webhook_endpoints set enabled = false, updated_at = ?,
       disabled_reason = ?
     where id = ? and enabled and failing_since is not null and failing_since <= ? returning id`,
      [
        now,
        `Disabled automatically: every delivery failed for ${days} day${days === 1 ? '' : 's'} (last error: ${lastError})`.slice(
          0,
          500,
        ),
        endpoint.id,
        new Date(now.getTime() - disableAfterMs),
      ],
    );
    if (!disabled) return false;
    await syncWebhookTriggers(tx);
    await notifyMembers(
      tx,
      endpoint.workspace_id,
      await membersWithRoles(tx, endpoint.workspace_id, ['owner', 'admin']),
      {
        kind: 'webhook_disabled',
        title: (copy) => copy.webhookDisabled(endpoint.url),
        body: (copy) => copy.webhookDisabledBody(lastError, days),
        link: '/settings/webhooks',
        email: true,
      },
    );
    return true;
  });
}

/**
 * Delivers what is due for one endpoint, in batches, for up to `budgetMs`: each outcome is written to its delivery
 * (the log), failures are rescheduled with backoff until they run out of time, and an endpoint that has failed for
 * too long is disabled. Tells the workflow whether more is waiting and when the next retry is due.
 */
export async function deliverDueWebhooks(
  deps: WebhookDeliveryDeps,
  endpointId: string,
): Promise<DeliverDueResult> {
  const clock = deps.now ?? (() => new Date());
  const started = Date.now();
  const retryForMs = deps.retryForMs ?? RETRY_FOR_MS;
  let delivered = 0;
  let failed = 0;
  let more = false;
  for (;;) {
    const em = deps.db.fork();
    const [endpoint] = await sql<EndpointRow>(
      em,
      'select id, workspace_id, url, secret, enabled, failing_since from webhook_endpoints where id = ?',
      [endpointId],
    );
    if (!endpoint) return { state: 'gone' };
    if (!endpoint.enabled) return { state: 'disabled' };
    const heads = await dueHeads(em, endpointId, clock());
    if (heads.length === 0) break;
    // Outcomes are written 50 at a time: few round trips, and a crash re-sends at most that many (at least once).
    let unrecorded: Outcome[] = [];
    const flush = async () => {
      const written = unrecorded;
      unrecorded = [];
      await record(em, written, clock(), retryForMs);
      deps.heartbeat?.();
    };
    const outcomes = await mapLimited(heads, deps.concurrency ?? 8, async (row) => {
      const outcome = await attempt(deps, endpoint, row);
      unrecorded.push(outcome);
      if (unrecorded.length >= 50) await flush();
      return outcome;
    });
    await flush();
    const successes = outcomes.filter((o) => o.ok).length;
    delivered += successes;
    failed += outcomes.length - successes;
    const now = clock();
    if (successes > 0)
      await sql(
        em,
        'update webhook_endpoints set failing_since = null where id = ? and failing_since is not null',
        [endpointId],
      );
    else {
      await sql(em, 'update webhook_endpoints set failing_since = coalesce(failing_since, ?) where id = ?', [
        now,
        endpointId,
      ]);
      const lastError = outcomes.at(-1)?.error ?? 'unknown';
      if (await disableIfFailingTooLong(em, endpoint, lastError, now, deps.disableAfterMs ?? RETRY_FOR_MS))
        return { state: 'disabled' };
    }
    if (Date.now() - started >= (deps.budgetMs ?? 20_000)) {
      more = true;
      break;
    }
  }
  const due = await nextDueAt(deps.db.fork(), endpointId);
  return {
    state: 'active',
    delivered,
    failed,
    more,
    nextDueInMs: due ? Math.max(0, due.getTime() - clock().getTime()) : null,
  };
}
