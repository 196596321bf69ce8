import { loadConfigOrExit, serverConfigSchema } from '@switchboard/config';
import { startServer } from './server-runtime.ts';

const config = loadConfigOrExit(serverConfigSchema);
const server = await startServer(config).catch((error: Error) => {
  console.error(`The server could not start: ${error.message}`);
  process.exit(1);
});
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
