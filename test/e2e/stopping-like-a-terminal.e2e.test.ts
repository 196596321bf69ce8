import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freeStackPorts, launchProduct, portOpen } from '../support/launch-product.ts';

/**
 * `npm start` stopped the way people stop it: Ctrl-C in a terminal (SIGINT to the whole foreground process group:
 * npm, its shell, run.mjs and the launcher at once), SIGTERM to the group, a closed terminal (SIGHUP), and the
 * launcher killed outright. Each must leave no process and no listening port behind, and the next start must work
 * on the same ports and data.
 */
const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-stop-'));
const ports = await freeStackPorts();
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** `npm start` as a terminal runs it: in a session and process group of its own, led by npm. */
const npmStart = () => launchProduct('npm', ['start'], { dataDir, ports, detached: true });

interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

async function processTable(): Promise<ProcessInfo[]> {
  const table: ProcessInfo[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces and parentheses, so split after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replace(/\0/g, ' ').trim();
      table.push({ pid: Number(entry), ppid: Number(ppid), state: state!, command });
    } catch {
      // Gone while we looked.
    }
  }
  return table;
}

/** Every process below `root`, however deep (server, worker, PostgreSQL and its backends, the Temporal CLI…). */
async function descendants(root: number): Promise<ProcessInfo[]> {
  const table = await processTable();
  const found: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of table.filter((p) => p.ppid === parent)) {
      found.push(p);
      queue.push(p.pid);
    }
  }
  return found;
}

async function alive(pids: number[]): Promise<ProcessInfo[]> {
  const table = await processTable();
  return table.filter((p) => pids.includes(p.pid) && p.state !== 'Z');
}

async function openPorts(): Promise<string[]> {
  const open: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (await portOpen(port)) open.push(`${name} ${port}`);
  return open;
}

/** Starts, stops as told, and reports what is left 40 seconds later at the most. */
async function startThenStop(stop: (npm: ChildProcess, tree: ProcessInfo[]) => void) {
  const run = npmStart();
  await run.ready;
  const health = await fetch(`http://127.0.0.1:${ports.PORT}/healthz`);
  expect(health.status).toBe(200);
  const tree = [
    { pid: run.child.pid!, ppid: process.pid, state: 'S', command: 'npm start' },
    ...(await descendants(run.child.pid!)),
  ];
  expect(tree.some((p) => p.command.includes('launcher/start.ts'))).toBe(true);
  expect(tree.some((p) => p.command.includes('temporal'))).toBe(true);
  expect(tree.some((p) => /postgres/.test(p.command))).toBe(true);
  stop(run.child, tree);
  const pids = tree.map((p) => p.pid);
  const deadline = Date.now() + 40_000;
  let leftovers = await alive(pids);
  let listening = await openPorts();
  while ((leftovers.length || listening.length) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    leftovers = await alive(pids);
    listening = await openPorts();
  }
  // Whatever is left is killed here, so one failure does not spoil the next scenario.
  for (const p of leftovers) process.kill(p.pid, 'SIGKILL');
  return {
    leftovers: leftovers.map((p) => `${p.pid} ${p.command.slice(0, 120)}`),
    ports: listening,
    output: run.output(),
  };
}

describe('stopping npm start the way people do', () => {
  it('Ctrl-C in the terminal (SIGINT to the whole process group)', async () => {
    const result = await startThenStop((npm) => process.kill(-npm.pid!, 'SIGINT'));
    expect(result.leftovers).toEqual([]);
    expect(result.ports).toEqual([]);
    expect(result.output).toContain('Stopped. Data is kept in');
  }, 240_000);

  it('SIGTERM to the process group, and the next start works on the same ports and data', async () => {
    const result = await startThenStop((npm) => process.kill(-npm.pid!, 'SIGTERM'));
    expect(result.output).not.toContain('could not start');
    expect(result.leftovers).toEqual([]);
    expect(result.ports).toEqual([]);
  }, 240_000);

  it('a closed terminal (SIGHUP to the process group)', async () => {
    const result = await startThenStop((npm) => process.kill(-npm.pid!, 'SIGHUP'));
    expect(result.leftovers).toEqual([]);
    expect(result.ports).toEqual([]);
  }, 240_000);

  it('the launcher killed outright (SIGKILL): its children notice and stop by themselves', async () => {
    const result = await startThenStop((_npm, tree) => {
      const launcher = tree.find((p) => p.command.includes('launcher/start.ts'))!;
      process.kill(launcher.pid, 'SIGKILL');
    });
    expect(result.leftovers).toEqual([]);
    expect(result.ports).toEqual([]);
  }, 240_000);
});
