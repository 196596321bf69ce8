import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

// The journey-entry ceiling: nothing but one activity that sends an already rendered email.
const { sendPrerendered } = proxyActivities<{ sendPrerendered(to: string): Promise<void> }>({
  startToCloseTimeout: '1 minute',
});

export async function bareSendWorkflow(to: string): Promise<void> {
  await sendPrerendered(to);
}

export const goSignal = defineSignal('go');

// The journey-trigger ceiling: a workflow that waits for one signal, then sends the same rendered email.
export async function bareWaitThenSendWorkflow(to: string): Promise<void> {
  let go = false;
  setHandler(goSignal, () => {
    go = true;
  });
  await condition(() => go);
  await sendPrerendered(to);
}
