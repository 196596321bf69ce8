import { proxyActivities } from '@temporalio/workflow';

// The journey-entry ceiling: nothing but one activity that sends an already rendered email.
const { sendPrerendered } = proxyActivities<{ sendPrerendered(to: string): Promise<void> }>({
  startToCloseTimeout: '1 minute',
});

export async function bareSendWorkflow(to: string): Promise<void> {
  await sendPrerendered(to);
}
