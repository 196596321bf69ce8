export { createTestDatabase, useTestDatabase, temporalAddress, type TestDatabase } from './test-database.ts';
export { startTestWorker } from './test-worker.ts';
export { timeSkippingEnvironment } from './time-skipping.ts';
export { createTestWorkspace } from './test-workspace.ts';
