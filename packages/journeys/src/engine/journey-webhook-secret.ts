import { createHmac } from 'node:crypto';

/**
 * The key a workspace's journey webhooks are signed with, derived from the deployment's tracking secret so server
 * (which shows it) and worker (which signs) agree without storing it. Rotating TRACKING_SECRET rotates it too.
 */
export function journeyWebhookSecret(trackingSecret: string, workspaceId: string): string {
  return `whsec_${createHmac('sha256', trackingSecret).update(`journey-webhook:${workspaceId}`).digest('base64url')}`;
}
