/**
 * Node flags every worker process runs with (the launcher, the benchmarks' worker and the documented production
 * command). V8 sizes its heap from the machine's memory and collects lazily: on a 24 GB machine a sending worker
 * grew to 620 MB at 30k recipients although its working set fits in 200 MB (measured with the cap: 346 MB peak, same
 * throughput). The cap bounds the old generation of each isolate (the main one and the workflow threads').
 */
export const WORKER_HEAP_MB = 320;
/**
 * The second flag loads apps/worker/src/workflow-thread-setup.mjs into the worker's threads: it turns off the Temporal
 * SDK's promise stack tracking and its per-call deadlock watchdog in the workflow thread (see the file).
 * Paths are relative to the repository root, where every worker process starts.
 */
export const WORKER_NODE_FLAGS = [
  `--max-old-space-size=${WORKER_HEAP_MB}`,
  '--import=./apps/worker/src/workflow-thread-setup.mjs',
];
