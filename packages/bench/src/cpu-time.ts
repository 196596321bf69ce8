import { readdir, readFile } from 'node:fs/promises';

/** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICK_MS = 10;

/** CPU time (user + system, ms) a process has used so far; null once it is gone or off Linux. */
export async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted from its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU time (ms) the whole machine has been busy so far, summed over its cores; null off Linux. */
export async function machineBusyMs(): Promise<number | null> {
  try {
    const [line] = (await readFile('/proc/stat', 'utf8')).split('\n');
    const [, user, nice, system, , , irq, softirq, steal] = line!.trim().split(/\s+/).map(Number);
    return (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS;
  } catch {
    return null;
  }
}

/**
 * What a stretch of work cost in CPU: the machine's busy time and one process's, from `start()` to `stop()`. On a
 * saturated machine latency only says "queued"; CPU per operation says whether a change made the work lighter.
 */
export function cpuMeter(pid: number | undefined) {
  let machine0: number | null = null;
  let process0: number | null = null;
  return {
    async start() {
      machine0 = await machineBusyMs();
      process0 = pid === undefined ? null : await processCpuMs(pid);
    },
    async stop(): Promise<{ machineMs: number | null; processMs: number | null }> {
      const machine1 = await machineBusyMs();
      const process1 = pid === undefined ? null : await processCpuMs(pid);
      return {
        machineMs: machine0 !== null && machine1 !== null ? machine1 - machine0 : null,
        processMs: process0 !== null && process1 !== null ? process1 - process0 : null,
      };
    },
  };
}

/** Which part of the stack a process is, from its command line (the bench itself is `bench`). */
function processGroup(pid: number, cmdline: string): string {
  if (pid === process.pid) return 'bench';
  if (cmdline.includes('apps/worker')) return 'worker';
  if (cmdline.includes('apps/server')) return 'server';
  if (cmdline.startsWith('postgres') || cmdline.includes('/postgres')) return 'postgres';
  if (cmdline.includes('temporal')) return 'temporal';
  return 'other';
}

async function cpuByGroup(): Promise<Map<number, { group: string; ms: number }>> {
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name)).map(Number);
  const seen = new Map<number, { group: string; ms: number }>();
  await Promise.all(
    pids.map(async (pid) => {
      const ms = await processCpuMs(pid);
      if (ms === null) return;
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      seen.set(pid, { group: processGroup(pid, cmdline.replaceAll('\0', ' ')), ms });
    }),
  );
  return seen;
}

/**
 * Where the machine's CPU went between `start()` and `stop()`, by part of the stack (worker, server, postgres,
 * temporal, bench, other). Processes that lived only in between (short PostgreSQL backends) are not counted.
 */
export function cpuSplit() {
  let before = new Map<number, { group: string; ms: number }>();
  return {
    async start() {
      before = await cpuByGroup();
    },
    async stop(): Promise<Record<string, number>> {
      const after = await cpuByGroup();
      const totals: Record<string, number> = {};
      for (const [pid, { group, ms }] of after)
        totals[group] = (totals[group] ?? 0) + ms - (before.get(pid)?.ms ?? 0);
      return totals;
    },
  };
}

/** CPU ms per operation by part of the stack, largest first. */
export function cpuByPart(used: Record<string, number>, operations: number): string {
  return Object.entries(used)
    .sort((a, b) => b[1] - a[1])
    .map(([group, ms]) => `${group} ${(ms / operations).toFixed(1)}`)
    .join(', ');
}
