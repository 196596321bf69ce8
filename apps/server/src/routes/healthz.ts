import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';
import { HEALTH_WORKFLOW, type HealthCheckInput } from '@switchboard/operations';

type Check = { ok: boolean; ms: number; error?: string };

async function timed(run: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await run();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/** Database, Temporal, and a worker round trip (server → Temporal → worker → database → back). */
export function mountHealthz(app: Hono, deps: { db: Database; temporal: Client; taskQueue: string }) {
  app.get('/healthz', async (c) => {
    const [database, temporal, worker] = await Promise.all([
      timed(() => deps.db.fork().getConnection().execute('select 1')),
      timed(() => deps.temporal.workflowService.getSystemInfo({})),
      timed(() =>
        deps.temporal.workflow.execute(HEALTH_WORKFLOW, {
          taskQueue: deps.taskQueue,
          workflowId: `healthz-${randomUUID()}`,
          args: [{ version: 1 } satisfies HealthCheckInput],
          // A worker busy starting a backlog (the demo's journeys on a first start, a big send) answers late but
          // is alive: only a worker that cannot take a task within 15 s is reported down.
          workflowExecutionTimeout: '15 seconds',
        }),
      ),
    ]);
    const ok = database.ok && temporal.ok && worker.ok;
    return c.json({ status: ok ? 'ok' : 'degraded', database, temporal, worker }, ok ? 200 : 503);
  });
}
