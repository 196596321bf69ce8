import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { waitForPort } from './wait-for-port.ts';
import { stopChild, terminateWithThisProcess } from './child-process.ts';

export interface TemporalDevServerOptions {
  cliPath: string;
  port: number;
  /** Omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; omit for in-memory (tests). */
  dbFile?: string;
  namespace?: string;
  log?: (line: string) => void;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    'warn',
    // One partition per task queue: a single-node server gains nothing from four, and forwarding tasks and polls
    // between them cost CPU on every workflow task (with this and the journey workflow's patch marker moved to its
    // first task, Temporal's CPU per triggered journey step went from 15.8 to 12.6 ms in journey-trigger).
    '--dynamic-config-value',
    'matching.numTaskqueueReadPartitions=1',
    '--dynamic-config-value',
    'matching.numTaskqueueWritePartitions=1',
    // Workflows whose state the history service keeps in memory. The dev server lowers the server's default (128k)
    // to 8,096, fewer than the 10,000 instances of journey-trigger waiting at once: a signal to one that had fallen
    // out read it back from the database first (journey-trigger at 50 purchases/s: Temporal's CPU per purchase
    // 12.1 → 10.5 ms, p50 1.4 → 0.8 s). It holds only open workflows that were used, up to this many.
    '--dynamic-config-value',
    'history.hostLevelCacheMaxSize=32768',
    // Our workflows list by type and status only; no custom search attributes needed.
  ];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  if (options.dbFile) {
    await mkdir(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  // Through a small Node supervisor holding an IPC channel to us: the CLI is stopped even if we are killed outright.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'launcher', 'supervise.ts'), options.cliPath, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
      // Where `--import tsx` resolves (the repository root).
      cwd: path.resolve(import.meta.dirname, '../../..'),
    },
  );
  terminateWithThisProcess(child);
  const log = options.log ?? (() => undefined);
  child.stdout?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(
        new Error(
          `The Temporal dev server exited with code ${code}. Is port ${options.port} taken? Set TEMPORAL_PORT.`,
        ),
      ),
    ),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort('127.0.0.1', options.port, 60_000, 'The Temporal dev server'), exited]);
  if (options.uiPort)
    await Promise.race([waitForPort('127.0.0.1', options.uiPort, 30_000, 'The Temporal UI'), exited]);
  return {
    address: `127.0.0.1:${options.port}`,
    ...(options.uiPort ? { uiUrl: `http://localhost:${options.uiPort}` } : {}),
    process: child,
    stop: () => stopChild(child),
  };
}
