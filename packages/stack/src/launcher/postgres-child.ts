import { spawn } from 'node:child_process';
import { stopChild, terminateWithThisProcess } from '../child-process.ts';

/** Starts launcher/postgres-process.ts and resolves with the database URL once PostgreSQL accepts connections. */
export async function startPostgresChild(options: {
  repoRoot: string;
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed (tests and benchmarks only). */
  ephemeral?: boolean;
}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/stack/src/launcher/postgres-process.ts'],
    {
      cwd: options.repoRoot,
      env: {
        ...process.env,
        PG_DATA_DIR: options.dataDir,
        PG_PORT: String(options.port),
        PG_DATABASES: options.database,
        ...(options.ephemeral ? { PG_EPHEMERAL: '1' } : {}),
      },
      // The IPC channel tells the child when we are gone, however we went (see whenParentGone).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    },
  );
  terminateWithThisProcess(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const message = JSON.parse(line) as { ready: boolean; url?: string; error?: string };
          if (message.ready && message.url) resolve(message.url);
          else reject(new Error(message.error ?? 'PostgreSQL did not start'));
        } catch {
          // A partial line; wait for the rest.
        }
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited with code ${code}: ${stderr.slice(-500)}`)),
    );
  });
  return { url, child, stop: () => stopChild(child, 20_000) };
}
