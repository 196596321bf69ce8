// Loaded into every thread of the worker process (`--import`, see WORKER_NODE_FLAGS), before any of its code.
//
// Where workflow code runs — the worker's main thread by default, Temporal's workflow thread with
// WORKER_WORKFLOW_THREAD=true — it turns off two of the SDK's debugging aids, which cost more than journeys' work.
//
// 1. The deadlock watchdog. The SDK runs every call into a workflow's sandbox with `vm`'s `timeout` option, and for
// each such call Node starts and joins a watchdog thread: 45–50 µs per call on this machine against 2–3 µs without
// (a workflow activation makes several calls). Journey workflows are this repository's own interpreter: their loops
// always await an activity, a timer or a condition, so no user input can spin one forever. Measured with 2,000
// instances waiting and 25 purchases a second, the workflow thread was busy 23.0 s over the run, 13.5 s of it
// inside those calls; without the watchdog 10.3 s. In a worker thread every timeout is dropped (only the SDK runs
// there); in the main thread only the SDK's in-thread "no timeout" of 2^32 − 1 ms (49 days, which never fires), so
// any other `vm` use keeps its own. WORKER_WORKFLOW_DEADLOCK_TIMEOUT=true brings the watchdog back (the worker then
// runs workflows in their thread, where a stuck activation fails after isolateExecutionTimeout).
//
// 2. The SDK's promise stack tracking. The SDK installs a V8 promise hook
// that, for every promise a workflow creates, compiles a function, captures an Error's stack and formats it, only so
// that a "stack trace" query can show where a running workflow is awaiting. Journeys create promises at every step:
// measured with 2,000 instances waiting and 25 purchases a second, the hook was 15 % of the worker's CPU per
// purchase and p50 latency went from 391 ms to 113 ms without it (in the main thread it would also run for every
// promise of the activities). WORKER_WORKFLOW_STACK_TRACES=true brings it back while debugging a stuck workflow.
//
// The SDK runs without the hook where V8 has none (Bun, old Node): it is told so by a createHook that throws for
// the SDK's call only (Node's AsyncLocalStorage, which the SDK's cancellation scopes rely on, creates promise hooks
// through the same function and keeps them), and its one warning about that is not news here.
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

const SDK_WARNING = 'v8.promiseHooks.createHook is not available; stack trace collection will be disabled.';
const SDK_CALLER = /@temporalio[\\/]worker[\\/].*vm-shared/;

if (process.env.WORKER_WORKFLOW_STACK_TRACES !== 'true') {
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

/** The SDK's isolate timeout in its in-thread sandbox: none, spelled as the largest timer Node accepts. */
const NO_TIMEOUT_MS = 4294967295;

if (process.env.WORKER_WORKFLOW_DEADLOCK_TIMEOUT !== 'true') {
  const runInContext = vm.Script.prototype.runInContext;
  vm.Script.prototype.runInContext = function (context, options) {
    if (options?.timeout === undefined || (isMainThread && options.timeout !== NO_TIMEOUT_MS))
      return runInContext.call(this, context, options);
    const { timeout: _watchdog, ...rest } = options;
    return runInContext.call(this, context, rest);
  };
}
