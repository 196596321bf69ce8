import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild, terminateWithThisProcess } from './child-process.ts';
import { freePort } from './free-port.ts';
import { waitForPort } from './wait-for-port.ts';

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM (a graceful stop, like a deploy); resolves when the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies with its connections open, like a crashed machine. */
  kill(): Promise<void>;
}

/**
 * One real server process (`apps/server/src/main.ts`, the production entry point) on 127.0.0.1, configured only by
 * its environment — how several servers behind a load balancer run. Resolves once it accepts connections.
 */
export async function startServerProcess(options: {
  repoRoot: string;
  env: Record<string, string>;
  port?: number;
  /** Extra node flags (e.g. a CPU profile). */
  nodeArgs?: string[];
  stdio?: 'inherit' | 'ignore';
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: options.repoRoot,
      env: { ...process.env, ...options.env, PORT: String(port) },
      stdio: ['ignore', 'ignore', options.stdio ?? 'inherit'],
    },
  );
  terminateWithThisProcess(child);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`The server process exited while starting (${signal ?? code})`)),
    ),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort('127.0.0.1', port, 60_000, 'The server'), exited]).catch(
    async (error: unknown) => {
      await stopChild(child);
      throw error;
    },
  );
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    stop: () => stopChild(child),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
