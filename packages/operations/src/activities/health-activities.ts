import type { Database } from '@switchboard/db';

/** Activities proving the worker can reach the database; built over injected dependencies. */
export function createHealthActivities(deps: { db: Database }) {
  return {
    async pingDatabase(): Promise<{ databaseMs: number }> {
      const started = performance.now();
      await deps.db.fork().getConnection().execute('select 1');
      return { databaseMs: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}

export type HealthActivities = ReturnType<typeof createHealthActivities>;
