export {
  startEmbeddedPostgres,
  type RunningPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.ts';
export {
  startTemporalDevServer,
  type RunningTemporal,
  type TemporalDevServerOptions,
} from './temporal-dev-server.ts';
export { findTemporalCli, TemporalCliMissingError, VENV_TEMPORAL } from './temporal-cli.ts';
export { freePort } from './free-port.ts';
export { waitForPort } from './wait-for-port.ts';
export { stopChild } from './child-process.ts';
export { startLocalStack, type LocalStack, type LocalStackOptions } from './launcher/local-stack.ts';
export { startServerProcess, type ServerProcess } from './server-process.ts';
export { WORKER_NODE_FLAGS, WORKER_HEAP_MB } from './worker-node-flags.ts';
