import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild, terminateWithThisProcess } from '../child-process.ts';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
}

/** Starts app processes as `node --import tsx <entry>` (one pid each) and prefixes their output with their name. */
export class ProcessGroup {
  private readonly processes: ManagedProcess[] = [];
  private onUnexpectedExit: ((name: string, code: number | null) => void) | undefined;
  private stopping = false;

  constructor(private readonly repoRoot: string) {}

  whenAnyExits(handler: (name: string, code: number | null) => void) {
    this.onUnexpectedExit = handler;
  }

  start(name: string, entry: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ManagedProcess {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry], {
      cwd: this.repoRoot,
      env: { ...process.env, ...env },
      // The IPC channel is the child's watchdog: it stops by itself when the launcher is gone (onStopRequest).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Own process group: a terminal's Ctrl-C reaches only the launcher, which stops everything in order.
      detached: true,
    });
    terminateWithThisProcess(child);
    const prefix = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
      let buffer = '';
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) out.write(`[${name}] ${line}\n`);
      });
    };
    prefix(child.stdout!, process.stdout);
    prefix(child.stderr!, process.stderr);
    child.once('exit', (code) => {
      if (!this.stopping) this.onUnexpectedExit?.(name, code);
    });
    const managed = { name, child };
    this.processes.push(managed);
    return managed;
  }

  /** Stops in reverse start order, so the server goes before the things it depends on. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const p of [...this.processes].reverse()) await stopChild(p.child);
  }
}
