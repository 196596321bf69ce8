import { Context } from '@temporalio/activity';
import {
  deliverDueWebhooks,
  type DeliverDueResult,
  type WebhookDeliveryDeps,
} from './deliver-due-webhooks.ts';

const heartbeat = () => {
  try {
    Context.current().heartbeat();
  } catch {
    // Called outside an activity (tests): nothing to tell.
  }
};

/** The activities of the webhooks' workflows, over their dependencies. */
export function createWebhookActivities(deps: WebhookDeliveryDeps) {
  return {
    async deliverWebhooks(input: { endpointId: string }): Promise<DeliverDueResult> {
      return deliverDueWebhooks({ heartbeat, ...deps }, input.endpointId);
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
