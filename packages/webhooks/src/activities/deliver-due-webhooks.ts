import type { Database, EntityManager } from '@switchboard/db';
import { sql } from '@switchboard/contacts';
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
async function dueHeads(em: EntityManager, endpointId: string, now: Date): Promise<WebhookDeliveryRow[]> {
  return sql<WebhookDeliveryRow>(
    em,
    `select * from (
       select distinct on (coalesce(contact_id::text, id::text)) * from webhook_deliveries
       where endpoint_id = ? and status = 'pending'
       order by coalesce(contact_id::text, id::text), id
     ) heads where next_attempt_at <= ? order by id limit ?`,
    [endpointId, now, BATCH],
  );
}

async function nextDueAt(em: EntityManager, endpointId: string): Promise<Date | null> {
  const [row] = await sql<{ at: Date | null }>(
    em,
    `select min(next_attempt_at) as at from (
       select distinct on (coalesce(contact_id::text, id::text)) next_attempt_at from webhook_deliveries
       where endpoint_id = ? and status = 'pending'
       order by coalesce(contact_id::text, id::text), id
     ) heads`,
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

async function record(em: EntityManager, outcome: Outcome, now: Date, retryForMs: number): Promise<void> {
  const { row } = outcome;
  // NUL cannot be stored in text; an endpoint's answer may hold anything.
  const body = outcome.body?.replaceAll('\u0000', '\uFFFD') ?? null;
  if (outcome.ok) {
    await sql(
      em,
      `update webhook_deliveries set status = 'delivered', attempts = attempts + 1, last_attempt_at = ?,
         delivered_at = ?, response_status = ?, response_body = ?, error = null, duration_ms = ? where id = ?`,
      [now, now, outcome.status, body, outcome.durationMs, row.id],
    );
    return;
  }
  const next = outcome.refused
    ? null
    : nextAttemptAt(new Date(row.created_at), row.attempts + 1, now, { retryForMs });
  await sql(
    em,
    `update webhook_deliveries set status = ?, next_attempt_at = coalesce(?, next_attempt_at),
       attempts = attempts + 1, last_attempt_at = ?, response_status = ?, response_body = ?, error = ?, duration_ms = ?
     where id = ?`,
    [next ? 'pending' : 'failed', next, now, outcome.status, body, outcome.error, outcome.durationMs, row.id],
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
  const [disabled] = await sql<{ id: string }>(
    em,
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
  await notifyMembers(
    em,
    endpoint.workspace_id,
    await membersWithRoles(em, endpoint.workspace_id, ['owner', 'admin']),
    {
      kind: 'webhook_disabled',
      title: (copy) => copy.webhookDisabled(endpoint.url),
      body: (copy) => copy.webhookDisabledBody(lastError, days),
      link: '/settings/webhooks',
      email: true,
    },
  );
  return true;
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
    const outcomes = await mapLimited(heads, deps.concurrency ?? 8, async (row) => {
      const outcome = await attempt(deps, endpoint, row);
      await record(em, outcome, clock(), retryForMs);
      deps.heartbeat?.();
      return outcome;
    });
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
