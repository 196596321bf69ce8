import { spawn } from 'node:child_process';
import { onStopRequest } from '@switchboard/config';

/**
 * `node --import tsx supervise.ts <command> [args…]`: runs a program that cannot watch its parent itself (the
 * Temporal CLI is a Go binary) and stops it when asked, or when the launcher that started us is gone — even when
 * the launcher was killed with SIGKILL, so no dev server is left holding its ports.
 */
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: supervise.ts <command> [args…]');
  process.exit(64);
}
const child = spawn(command, args, { stdio: 'inherit' });
const signal = (name: NodeJS.Signals) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(name);
};
onStopRequest(() => {
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), 10_000).unref();
});
child.once('error', (error) => {
  console.error(`${command} could not start: ${error.message}`);
  process.exit(127);
});
child.once('exit', (code, killedBy) => process.exit(code ?? (killedBy ? 1 : 0)));
