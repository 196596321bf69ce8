import path from 'node:path';
import { launcherConfigSchema, loadConfigOrExit, onStopRequest } from '@switchboard/config';
import { DEMO } from '@switchboard/accounts';
import { startLocalStack, type LocalStack } from './local-stack.ts';

/** `npm start`: the whole product on this machine, with embedded defaults and the demo workspace. */
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const config = loadConfigOrExit(launcherConfigSchema);
const dataDir = path.resolve(repoRoot, config.DATA_DIR);
const log = (line: string) => console.log(`[switchboard] ${line}`);

// A closed terminal (SIGHUP) leaves nowhere to print to: writing must not crash the launcher mid-stop.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

let shuttingDown = false;
let stack: LocalStack | undefined = undefined;
// Ctrl-C reaches npm, its shell, run.mjs and us at once, and run.mjs forwards it again: the first request stops
// everything in order, later ones are absorbed. Before the stack is up there is nothing to stop in order: we exit,
// and every child we started stops by itself when it sees us gone (its IPC channel closes).
onStopRequest(() => {
  if (stack) void shutdown(0);
  else {
    log('Stopping…');
    process.exit(130);
  }
});
stack = await startLocalStack({
  repoRoot,
  dataDir,
  port: config.PORT,
  ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
  pgPort: config.PG_PORT,
  ...(config.TEMPORAL_ADDRESS ? { temporalAddress: config.TEMPORAL_ADDRESS } : {}),
  temporalPort: config.TEMPORAL_PORT,
  temporalUiPort: config.TEMPORAL_UI_PORT,
  realProviders: Boolean(config.SMTP_URL || config.TWILIO_ACCOUNT_SID),
  sandboxSmtpPort: config.SANDBOX_SMTP_PORT,
  sandboxHttpPort: config.SANDBOX_HTTP_PORT,
  inboundSmtpPort: config.INBOUND_SMTP_PORT,
  log,
  onProcessExit: (name, code) => {
    if (shuttingDown) return;
    console.error(`[switchboard] the ${name} process exited (code ${code}); stopping everything.`);
    void shutdown(1);
  },
}).catch((error: Error) => {
  console.error(`[switchboard] could not start: ${error.message}`);
  process.exit(1);
});

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('Stopping…');
  await stack?.stop();
  log('Stopped. Data is kept in ' + dataDir);
  process.exit(code);
}

console.log(`
  Switchboard is running.

  Web app        ${stack.url}
  Demo sign-in   ${DEMO.users.find((u) => u.role === 'owner')?.email} / ${DEMO.password}${stack.demoSeeded ? '   (demo workspace just created)' : ''}
                 other roles: ${DEMO.users
                   .slice(1)
                   .map((u) => u.email)
                   .join(', ')}
  Temporal UI    ${stack.temporalUiUrl ?? `(external Temporal at ${stack.temporalAddress})`}
  Sandbox        ${stack.sandbox ? `${stack.url}/sandbox  (SMTP ${stack.sandbox.smtpUrl}, Twilio API ${stack.sandbox.httpUrl})` : 'off: real providers configured'}
  Health         ${stack.url}/healthz

  Press Ctrl-C to stop; data stays in ${dataDir}.
`);
