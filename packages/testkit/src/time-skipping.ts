import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalTestServer } from '@switchboard/stack/processes';

/**
 * Temporal's time-skipping test server (from the project's venv): days of timers pass in moments while activities
 * run for real. One per test file; call teardown() in afterAll.
 */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalTestServer(repoRoot) } },
  });
}
