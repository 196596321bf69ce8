/**
 * How every process of ours is asked to stop. A terminal's Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP)
 * all mean "stop gracefully"; a second or third signal while stopping is absorbed instead of killing the process
 * half-way (a terminal delivers Ctrl-C to npm, the shell and the launcher at once, and they forward it again).
 * A child started with an IPC channel also stops when its parent is gone — even a parent killed with SIGKILL,
 * which has no chance to stop anyone: the operating system closes the channel, and the child sees it.
 */
export function onStopRequest(stop: (reason: string) => void): void {
  let requested = false;
  const request = (reason: string) => {
    if (requested) return;
    requested = true;
    stop(reason);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => request(signal));
  whenParentGone(() => request('parent process gone'));
}

/** Calls `gone` when the parent that started this process with an IPC channel exits, however it exits. */
export function whenParentGone(gone: () => void): void {
  if (!process.channel) return;
  // The channel must not keep this process alive by itself.
  process.channel.unref();
  process.once('disconnect', gone);
}
