import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@switchboard/db';
import {
  postWebhook,
  WebhookFailed,
  WebhookRefused,
  type WebhookTransport,
} from '@switchboard/webhooks/transport';
import type { JourneyNode } from '../../definition/journey-graph.ts';
import { loadContact, recordStep, type InstanceRow } from '../instance-store.ts';

type WebhookNode = Extract<JourneyNode, { type: 'webhook' }>;

/**
 * Posts the contact and the trigger's data to the step's URL, signed with the workspace's webhook key, and records
 * the answer's status on the step. A URL that is not public (directly, through DNS or a redirect) fails for good;
 * an endpoint's trouble is thrown for Temporal to retry, unless the endpoint said it is final.
 */
export async function runWebhookStep(
  em: EntityManager,
  deps: { webhookSecret: (workspaceId: string) => string; webhookTransport?: WebhookTransport },
  instance: InstanceRow,
  node: WebhookNode,
  visit: number,
): Promise<void> {
  const contact = await loadContact(em, instance.contact_id);
  const body = JSON.stringify({
    type: 'journey.webhook',
    journey: { id: instance.journey_id, name: instance.journey_name, step: node.id },
    instanceId: instance.id,
    contact: contact && {
      id: contact.id,
      externalId: contact.external_id,
      email: contact.email,
      phone: contact.phone,
      firstName: contact.first_name,
      lastName: contact.last_name,
      lifecycleStage: contact.lifecycle_stage,
      attributes: contact.attributes,
    },
    event: instance.trigger_data,
    sentAt: new Date().toISOString(),
  });
  try {
    const answer = await postWebhook(
      node.config.url,
      {
        body,
        secret: deps.webhookSecret(instance.workspace_id),
        timeoutMs: node.config.timeoutSeconds * 1000,
      },
      deps.webhookTransport,
    );
    await recordStep(em, instance, node.id, ['reached', 'next'], { visit, status: answer.status });
  } catch (error) {
    if (error instanceof WebhookRefused)
      throw ApplicationFailure.create({ type: 'WebhookRefused', message: error.message, nonRetryable: true });
    if (error instanceof WebhookFailed && !error.retryable)
      throw ApplicationFailure.nonRetryable(error.message, 'WebhookFailed');
    throw error;
  }
}
