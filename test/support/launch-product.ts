import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from '@switchboard/stack';
import { repoRoot } from './repo-root.ts';

/** Every port the launcher opens, free ones chosen for this test file. */
export async function freeStackPorts() {
  return {
    PORT: await freePort(),
    PG_PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    SANDBOX_SMTP_PORT: await freePort(),
    SANDBOX_HTTP_PORT: await freePort(),
    INBOUND_SMTP_PORT: await freePort(),
  };
}
export type StackPorts = Awaited<ReturnType<typeof freeStackPorts>>;

export interface LaunchedProduct {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the launcher prints that Switchboard is running; rejects if it exits first. */
  ready: Promise<void>;
}

/**
 * Runs a command that starts the whole product (the launcher itself, or `npm start` as a terminal would) with
 * embedded PostgreSQL and Temporal on the given ports and data folder, collecting what it prints.
 */
export function launchProduct(
  command: string,
  args: string[],
  options: { dataDir: string; ports: StackPorts; detached?: boolean },
): LaunchedProduct {
  const env = {
    ...process.env,
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    CI: 'true',
  } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(options.ports)) env[k] = String(v);
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'TWILIO_ACCOUNT_SID']) delete env[k];
  const spawnOptions: SpawnOptions = {
    cwd: repoRoot,
    env,
    detached: options.detached ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const child = spawn(command, args, spawnOptions);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Switchboard is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 200);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${command} exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
  return { child, output: () => out, ready };
}

export const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
