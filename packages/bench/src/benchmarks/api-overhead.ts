import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSession, hashPassword } from '@switchboard/accounts';
import { Membership, User, Workspace, migrateDatabase, openDatabase } from '@switchboard/db';
import {
  findTemporalCli,
  freePort,
  startEmbeddedPostgres,
  startTemporalDevServer,
  stopChild,
  waitForPort,
} from '@switchboard/stack';
import { benchLine, load, median, type LoadResult } from '../measure.ts';

const SESSION_SECRET = 'bench-session-secret-'.padEnd(48, 'b');

export interface ApiOverheadOptions {
  seconds: number;
  connections: number;
  rounds: number;
  repoRoot: string;
}

/**
 * An authenticated tRPC query (session cookie → session, user, workspace and membership read from PostgreSQL) against
 * a no-op Hono route in the same server process: how much our request path costs over the bare framework.
 */
export async function apiOverhead(options: ApiOverheadOptions): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  const temporal = await startTemporalDevServer({
    cliPath: findTemporalCli(options.repoRoot),
    port: await freePort(),
  });
  try {
    await pg.createDatabase('bench');
    const db = await openDatabase({ url: pg.urlFor('bench') });
    await migrateDatabase(db);
    const em = db.fork();
    const workspace = em.create(Workspace, { id: crypto.randomUUID(), slug: 'bench', name: 'Bench' });
    const user = em.create(User, {
      id: crypto.randomUUID(),
      email: 'bench@bench.test',
      name: 'Bench',
      passwordHash: await hashPassword('bench-password'),
    });
    em.create(Membership, { id: crypto.randomUUID(), workspace: workspace.id, user: user.id, role: 'owner' });
    await em.flush();
    const { token } = await createSession(em, {
      userId: user.id,
      workspaceId: workspace.id,
      secret: SESSION_SECRET,
    });
    await db.close();

    const port = await freePort();
    const server = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
        '--import',
        'tsx',
        'apps/server/src/main.ts',
      ],
      {
        cwd: options.repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: pg.urlFor('bench'),
          DATABASE_POOL_MAX: '20',
          TEMPORAL_ADDRESS: temporal.address,
          PORT: String(port),
          SESSION_SECRET,
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    try {
      await waitForPort('127.0.0.1', port, 60_000, 'The server');
      const base = `http://127.0.0.1:${port}`;
      const run = (url: string, headers?: Record<string, string>) =>
        load(url, {
          seconds: options.seconds,
          connections: options.connections,
          ...(headers ? { headers } : {}),
        });
      // Warm up both paths (JIT, connection pool) before measuring.
      await load(`${base}/noop`, { seconds: 2, connections: options.connections });
      await load(`${base}/trpc/auth.me`, {
        seconds: 2,
        connections: options.connections,
        headers: { cookie: `sb_session=${token}` },
      });
      const ceiling: LoadResult[] = [];
      const project: LoadResult[] = [];
      for (let round = 0; round < options.rounds; round++) {
        ceiling.push(await run(`${base}/noop`));
        project.push(await run(`${base}/trpc/auth.me`, { cookie: `sb_session=${token}` }));
      }
      const failures = [...ceiling, ...project].reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (failures > 0) throw new Error(`${failures} failed requests during the benchmark`);
      const projectRps = median(project.map((r) => r.requestsPerSecond));
      const ceilingRps = median(ceiling.map((r) => r.requestsPerSecond));
      const table = [
        'api-overhead (median of ' +
          options.rounds +
          ' rounds, ' +
          options.seconds +
          ' s each, ' +
          options.connections +
          ' connections)',
        `  ceiling  GET /noop                    ${ceilingRps.toFixed(0).padStart(7)} req/s  p99 ${median(ceiling.map((r) => r.p99Ms))} ms`,
        `  project  GET /trpc/auth.me (session)  ${projectRps.toFixed(0).padStart(7)} req/s  p99 ${median(project.map((r) => r.p99Ms))} ms`,
      ].join('\n');
      return `${table}\n${benchLine('api-overhead', projectRps / ceilingRps, {
        req_s: projectRps,
        ceiling_req_s: ceilingRps,
        p99_ms: median(project.map((r) => r.p99Ms)),
        ceiling_p99_ms: median(ceiling.map((r) => r.p99Ms)),
      })}`;
    } finally {
      await stopChild(server);
    }
  } finally {
    await temporal.stop();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
