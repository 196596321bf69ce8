import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createApiKey, createSession, hashPassword, type ApiScope } from '@switchboard/accounts';
import { Membership, User, Workspace, migrateDatabase, openDatabase, type Database } from '@switchboard/db';
import {
  findTemporalCli,
  freePort,
  startEmbeddedPostgres,
  startServerProcess,
  startTemporalDevServer,
  stopChild,
  type ServerProcess,
  WORKER_NODE_FLAGS,
} from '@switchboard/stack';

const SESSION_SECRET = 'bench-session-secret-'.padEnd(48, 'b');

export interface BenchStack {
  /** http://127.0.0.1:<port> of a real server process (the first, when there are several). */
  base: string;
  /** Every server process's base URL, in start order. */
  bases: string[];
  /** Process ids of the (first) server and (if started) the worker, for memory sampling. */
  pids: { server: number; worker?: number };
  /** The secret the servers sign sessions with, for more signed-in users. */
  sessionSecret: string;
  /** The database URL (for the ceiling queries). */
  databaseUrl: string;
  db: Database;
  workspaceId: string;
  sessionToken: string;
  apiKey(scopes: ApiScope[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * A throwaway PostgreSQL (durability off), a Temporal dev server and the real server process, with one workspace and
 * a signed-in owner. Set BENCH_PROFILE=1 to write the server's CPU profile to $TMPDIR/switchboard-prof.
 */
export async function startBenchStack(
  repoRoot: string,
  options: { worker?: boolean; servers?: number; env?: Record<string, string> } = {},
): Promise<BenchStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-bench-'));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    ephemeral: true,
  });
  const temporal = await startTemporalDevServer({
    cliPath: findTemporalCli(repoRoot),
    port: await freePort(),
  });
  const servers: ServerProcess[] = [];
  let worker: ChildProcess | undefined;
  let db: Database | undefined;
  let stopping = false;
  const close = async () => {
    stopping = true;
    if (worker) await stopChild(worker);
    for (const server of servers) await server.stop();
    await db?.close();
    await temporal.stop();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await pg.createDatabase('bench');
    db = await openDatabase({ url: pg.urlFor('bench'), poolMax: 4 });
    await migrateDatabase(db);
    const em = db.fork();
    const workspace = em.create(Workspace, { id: randomUUID(), slug: 'bench', name: 'Bench' });
    const user = em.create(User, {
      id: randomUUID(),
      email: 'bench@bench.test',
      name: 'Bench',
      passwordHash: await hashPassword('bench-password'),
    });
    em.create(Membership, { id: randomUUID(), workspace: workspace.id, user: user.id, role: 'owner' });
    await em.flush();
    const { token } = await createSession(em, {
      userId: user.id,
      workspaceId: workspace.id,
      secret: SESSION_SECRET,
    });

    for (let i = 0; i < (options.servers ?? 1); i++) {
      servers.push(
        await startServerProcess({
          repoRoot,
          nodeArgs: process.env.BENCH_PROFILE
            ? ['--cpu-prof', `--cpu-prof-dir=${path.join(tmpdir(), 'switchboard-prof')}`]
            : [],
          env: {
            DATABASE_URL: pg.urlFor('bench'),
            DATABASE_POOL_MAX: '20',
            TEMPORAL_ADDRESS: temporal.address,
            SESSION_SECRET,
            TRACKING_SECRET: SESSION_SECRET,
            LOG_LEVEL: 'error',
            ...options.env,
          },
        }),
      );
    }
    if (options.worker) {
      // As the launcher and the documented production command run it (the heap cap).
      worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', 'apps/worker/src/main.ts'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: pg.urlFor('bench'),
          TEMPORAL_ADDRESS: temporal.address,
          WORKER_WECHAT_GATEWAY: 'false',
          TRACKING_SECRET: SESSION_SECRET,
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // A worker that cannot start would otherwise leave the benchmark waiting for work nobody does.
      worker.once('exit', (code, signal) => {
        if (!stopping) {
          console.error(`The bench worker exited (${signal ?? code}); see its output above.`);
          // The server would outlive the benchmark (and hold its caller's output open).
          void close().finally(() => process.exit(1));
        }
      });
    }
    const database = db;
    return {
      base: servers[0]!.base,
      bases: servers.map((server) => server.base),
      sessionSecret: SESSION_SECRET,
      pids: { server: servers[0]!.child.pid!, ...(worker?.pid ? { worker: worker.pid } : {}) },
      databaseUrl: pg.urlFor('bench'),
      db: database,
      workspaceId: workspace.id,
      sessionToken: token,
      apiKey: async (scopes) =>
        (
          await createApiKey(database.fork(), {
            workspaceId: workspace.id,
            name: 'bench',
            scopes,
            actor: { type: 'cli', id: null, label: 'bench' },
          })
        ).key,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
