// Loaded into every thread of the worker process (`--import`, see WORKER_NODE_FLAGS), before any of its code.
//
// In Temporal's workflow thread it turns off the SDK's promise stack tracking. The SDK installs a V8 promise hook
// that, for every promise a workflow creates, compiles a function, captures an Error's stack and formats it, only so
// that a "stack trace" query can show where a running workflow is awaiting. Journeys create promises at every step:
// measured with 2,000 instances waiting and 25 purchases a second, the hook was 15 % of the worker's CPU per
// purchase and p50 latency went from 391 ms to 113 ms without it. WORKER_WORKFLOW_STACK_TRACES=true brings it back
// while debugging a stuck workflow.
//
// The SDK runs without the hook where V8 has none (Bun, old Node): it is told so by a createHook that throws for
// the SDK's call only (Node's AsyncLocalStorage, which the SDK's cancellation scopes rely on, creates promise hooks
// through the same function and keeps them), and its one warning about that is not news here.
import v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

const SDK_WARNING = 'v8.promiseHooks.createHook is not available; stack trace collection will be disabled.';
const SDK_CALLER = /@temporalio[\\/]worker[\\/].*vm-shared/;

if (!isMainThread && process.env.WORKER_WORKFLOW_STACK_TRACES !== 'true') {
  const createHook = v8.promiseHooks.createHook;
  v8.promiseHooks.createHook = (hooks) => {
    if (SDK_CALLER.test(new Error().stack ?? ''))
      throw new Error('Promise stack tracking is off (WORKER_WORKFLOW_STACK_TRACES)');
    return createHook(hooks);
  };
  const warn = console.warn;
  console.warn = (...args) => {
    if (args[0] !== SDK_WARNING) warn(...args);
  };
}
