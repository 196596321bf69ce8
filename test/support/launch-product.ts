import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { repoRoot } from './repo-root.ts';

/**
 * The kernel hands out "any free port" (port 0) from its ephemeral range, so a port picked that way and released
 * can be taken by another test file's server before the launcher binds it again — and a test that starts the
 * product twice on the same ports would then find one busy. Ports below that range are never handed out that way.
 */
async function portBelowEphemeralRange(taken: Set<number>): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '32768 60999');
  const low = Number(range.trim().split(/\s+/)[0]) || 32768;
  const floor = 10_000;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = floor + Math.floor(Math.random() * Math.max(1, low - floor - 1));
    if (taken.has(port) || !(await canBind(port))) continue;
    taken.add(port);
    return port;
  }
  throw new Error(`no free port found between ${floor} and ${low}`);
}

const canBind = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** Every port the launcher opens, free ones chosen for this test file and stable across its restarts. */
export async function freeStackPorts() {
  const taken = new Set<number>();
  const pick = () => portBelowEphemeralRange(taken);
  return {
    PORT: await pick(),
    PG_PORT: await pick(),
    TEMPORAL_PORT: await pick(),
    TEMPORAL_UI_PORT: await pick(),
    SANDBOX_SMTP_PORT: await pick(),
    SANDBOX_HTTP_PORT: await pick(),
    INBOUND_SMTP_PORT: await pick(),
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
