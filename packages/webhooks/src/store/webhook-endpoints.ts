import { randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { EntityManager } from '@switchboard/db';
import { notFound, recordAudit, validationError, type Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { WEBHOOK_EVENT_TYPES } from '../definition/webhook-event-types.ts';
import { isPublicAddress } from '../transport/public-address.ts';
import { retryOnDeadlock } from './retry-on-deadlock.ts';
import { normalisedTarget } from '../transport/post-webhook.ts';

export const webhookEndpointInput = z.object({
  url: z.string().trim().min(1, 'Give the URL the events go to').max(2000, 'Use at most 2,000 characters'),
  description: z.string().trim().max(200).default(''),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1, 'Pick at least one event type')
    .transform((types) => [...new Set(types)]),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointInput>;

export const webhookEndpointPatch = webhookEndpointInput
  .partial()
  .extend({ enabled: z.boolean().optional() });

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  /** The secret's first characters, to tell endpoints apart; the whole secret is shown once. */
  secretHint: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  pending: number;
  lastDelivery: { status: string; responseStatus: number | null; at: Date | null } | null;
}

/**
 * Why a URL can never be a webhook target, checked when it is saved (the worker checks again, on every delivery,
 * where the name resolves). `privateTargets` are the operator's allowed `address:port` exceptions.
 */
export function endpointUrlProblem(raw: string, privateTargets: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL: give the full address, such as https://crm.example.com/hooks/switchboard';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `Only http and https URLs can receive webhooks, not ${url.protocol.replace(':', '')}`;
  if (url.username || url.password)
    return 'Put no user name or password in the URL; check the signature instead';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const allowed = privateTargets.map(normalisedTarget).includes(`${host}:${port}`);
  if (!allowed && (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')))
    return `${host} is this network, not the internet: webhooks only go to public addresses`;
  if (!allowed && isIP(host) && !isPublicAddress(host))
    return `${host} is not a public address: webhooks only go to the internet`;
  return null;
}

/**
 * Installs the triggers that queue deliveries while an enabled endpoint exists, removes them when none does; in the
 * transaction that changed the endpoints (see Migration20261211000000Webhooks).
 */
export async function syncWebhookTriggers(em: EntityManager): Promise<void> {
  await sql(em, 'select webhooks_sync_triggers()');
}

function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function checkUrl(url: string, privateTargets: readonly string[]): void {
  const problem = endpointUrlProblem(url, privateTargets);
  if (problem) throw validationError('url', problem);
}

/** Creates an endpoint; the returned secret is the only time it is shown. */
export async function createWebhookEndpoint(
  em: EntityManager,
  workspaceId: string,
  input: z.output<typeof webhookEndpointInput>,
  actor: Actor,
  privateTargets: readonly string[] = [],
): Promise<{ id: string; secret: string }> {
  checkUrl(input.url, privateTargets);
  const id = randomUUID();
  const secret = newSecret();
  await retryOnDeadlock(() =>
    em.transactional(async (tx) => {
      await sql(
        tx,
        `insert into webhook_endpoints (id, workspace_id, url, description, event_types, secret, enabled, created_at, updated_at)
       values (?, ?, ?, ?, ?::text[], ?, true, now(), now())`,
        [id, workspaceId, input.url, input.description, `{${input.eventTypes.join(',')}}`, secret],
      );
      await syncWebhookTriggers(tx);
      recordAudit(tx, {
        workspaceId,
        actor,
        action: 'webhook.created',
        target: { type: 'webhook', id },
        details: { url: input.url, eventTypes: input.eventTypes },
      });
    }),
  );
  return { id, secret };
}

export async function listWebhookEndpoints(
  em: EntityManager,
  workspaceId: string,
): Promise<WebhookEndpointView[]> {
  const rows = await sql<{
    id: string;
    url: string;
    description: string;
    event_types: string[];
    secret: string;
    enabled: boolean;
    disabled_reason: string | null;
    failing_since: Date | null;
    created_at: Date;
    pending: string;
    last_status: string | null;
    last_response_status: number | null;
    last_at: Date | null;
  }>(
    em,
    `select e.*,
       (select count(*) from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'pending') as pending,
       l.status as last_status, l.response_status as last_response_status, l.last_attempt_at as last_at
     from webhook_endpoints e
     left join lateral (
       select status, response_status, last_attempt_at from webhook_deliveries d
       where d.endpoint_id = e.id and d.last_attempt_at is not null order by d.id desc limit 1
     ) l on true
     where e.workspace_id = ? order by e.created_at`,
    [workspaceId],
  );
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    secretHint: `${row.secret.slice(0, 10)}…`,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since ? new Date(row.failing_since) : null,
    createdAt: new Date(row.created_at),
    pending: Number(row.pending),
    lastDelivery: row.last_status
      ? {
          status: row.last_status,
          responseStatus: row.last_response_status,
          at: row.last_at ? new Date(row.last_at) : null,
        }
      : null,
  }));
}

async function requireEndpoint(em: EntityManager, workspaceId: string, endpointId: string) {
  const [row] = await sql<{ id: string; url: string; enabled: boolean }>(
    em,
    'select id, url, enabled from webhook_endpoints where id = ? and workspace_id = ?',
    [endpointId, workspaceId],
  );
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

/** Changes what an endpoint receives; enabling it again clears why it was disabled and sends what waited. */
export async function updateWebhookEndpoint(
  em: EntityManager,
  workspaceId: string,
  endpointId: string,
  patch: z.output<typeof webhookEndpointPatch>,
  actor: Actor,
  privateTargets: readonly string[] = [],
): Promise<void> {
  await requireEndpoint(em, workspaceId, endpointId);
  if (patch.url !== undefined) checkUrl(patch.url, privateTargets);
  await retryOnDeadlock(() =>
    em.transactional(async (tx) => {
      await sql(
        tx,
        `update webhook_endpoints set
         url = coalesce(?, url), description = coalesce(?, description),
         event_types = coalesce(?::text[], event_types),
         enabled = coalesce(?, enabled),
         disabled_reason = case when ? then null else disabled_reason end,
         failing_since = case when ? then null else failing_since end,
         updated_at = now()
       where id = ?`,
        [
          patch.url ?? null,
          patch.description ?? null,
          patch.eventTypes ? `{${patch.eventTypes.join(',')}}` : null,
          patch.enabled ?? null,
          patch.enabled === true,
          patch.enabled === true,
          endpointId,
        ],
      );
      if (patch.enabled !== undefined) await syncWebhookTriggers(tx);
      recordAudit(tx, {
        workspaceId,
        actor,
        action: 'webhook.updated',
        target: { type: 'webhook', id: endpointId },
        details: { ...patch },
      });
    }),
  );
  // Waiting deliveries are due now: the endpoint's workflow is woken by the queued notification.
  if (patch.enabled === true) await sql(em, `select pg_notify('switchboard_webhooks', ?)`, [endpointId]);
}

/** A new secret, effective for the next delivery; the old one stops working at once. */
export async function rotateWebhookSecret(
  em: EntityManager,
  workspaceId: string,
  endpointId: string,
  actor: Actor,
): Promise<{ secret: string }> {
  await requireEndpoint(em, workspaceId, endpointId);
  const secret = newSecret();
  await sql(em, 'update webhook_endpoints set secret = ?, updated_at = now() where id = ?', [
    secret,
    endpointId,
  ]);
  recordAudit(em, {
    workspaceId,
    actor,
    action: 'webhook.secret_rotated',
    target: { type: 'webhook', id: endpointId },
  });
  await em.flush();
  return { secret };
}

export async function deleteWebhookEndpoint(
  em: EntityManager,
  workspaceId: string,
  endpointId: string,
  actor: Actor,
): Promise<void> {
  const endpoint = await requireEndpoint(em, workspaceId, endpointId);
  await retryOnDeadlock(() =>
    em.transactional(async (tx) => {
      await sql(tx, 'delete from webhook_endpoints where id = ?', [endpointId]);
      await syncWebhookTriggers(tx);
      recordAudit(tx, {
        workspaceId,
        actor,
        action: 'webhook.deleted',
        target: { type: 'webhook', id: endpointId },
        details: { url: endpoint.url },
      });
    }),
  );
}

export { requireEndpoint as requireWebhookEndpoint };
