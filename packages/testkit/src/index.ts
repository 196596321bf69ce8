export { createTestDatabase, useTestDatabase, temporalAddress, type TestDatabase } from './test-database.ts';
