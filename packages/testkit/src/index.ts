export { createTestDatabase, useTestDatabase, temporalAddress, type TestDatabase } from './test-database.ts';
export { startTestWorker } from './test-worker.ts';
