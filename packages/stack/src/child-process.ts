import type { ChildProcess } from 'node:child_process';

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

const orphans = new Set<ChildProcess>();
let hooked = false;

/**
 * Detached children (own process group, so Ctrl-C reaches only the launcher) would outlive a launcher that crashes;
 * this makes sure they get SIGTERM whenever this process exits, however it exits.
 */
export function terminateWithThisProcess(child: ChildProcess): void {
  orphans.add(child);
  child.once('exit', () => orphans.delete(child));
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of orphans) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  });
}
