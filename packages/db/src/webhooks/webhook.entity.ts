import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

/**
 * Where a workspace wants to hear what happens (a CRM, a data warehouse loader): the URL, the event types it takes
 * and the secret its deliveries are signed with. `failingSince` is the first failure after the last success; an
 * endpoint that keeps failing is disabled with a reason.
 */
export const WebhookEndpoint = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoints',
  indexes: [
    // What a database trigger asks on every write it reports: does any enabled endpoint exist at all?
    {
      name: 'webhook_endpoints_enabled_index',
      expression: `create index "webhook_endpoints_enabled_index" on "webhook_endpoints" ("workspace_id") where "enabled"`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    url: p.string().length(2000),
    description: p.string().length(200).default(''),
    eventTypes: p.array(),
    secret: p.string().length(100),
    enabled: p.boolean().default(true),
    disabledReason: p.string().length(500).nullable(),
    failingSince: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type WebhookEndpoint = InferEntity<typeof WebhookEndpoint>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * One event for one endpoint: written in the same transaction as what it reports (database triggers), so nothing
 * that happened is missed, then delivered by the endpoint's workflow. The row is also the delivery log: the last
 * attempt's response (capped) and error. `eventId` is what receivers deduplicate on; it stays the same on retries
 * and resends.
 */
export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_deliveries',
  indexes: [
    // The log, newest first, per endpoint.
    { properties: ['endpoint', 'id'] },
    // Erasure finds a person's deliveries.
    { properties: ['contactId'] },
    // What an endpoint's workflow has left to deliver, in order.
    {
      name: 'webhook_deliveries_pending_index',
      expression: `create index "webhook_deliveries_pending_index" on "webhook_deliveries" ("endpoint_id", "id") where "status" = 'pending'`,
    },
    // Whether a contact has an earlier delivery pending (its events go out in order).
    {
      name: 'webhook_deliveries_pending_contact_index',
      expression: `create index "webhook_deliveries_pending_contact_index" on "webhook_deliveries" ("contact_id", "endpoint_id", "id") where "status" = 'pending'`,
    },
  ],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    endpoint: p.manyToOne(WebhookEndpoint).mapToPk().deleteRule('cascade'),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    eventId: p.uuid(),
    type: p.string().length(60),
    contactId: p.uuid().nullable(),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum([...WEBHOOK_DELIVERY_STATUSES]).default('pending'),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    lastAttemptAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    responseStatus: p.integer().nullable(),
    responseBody: p.text().nullable(),
    error: p.string().length(1000).nullable(),
    durationMs: p.integer().nullable(),
    createdAt: p.datetime(),
  },
});
export type WebhookDelivery = InferEntity<typeof WebhookDelivery>;
