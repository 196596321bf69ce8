import { loadConfigOrExit, onStopRequest, serverConfigSchema } from '@switchboard/config';
import { startServer } from './server-runtime.ts';

const config = loadConfigOrExit(serverConfigSchema);
const server = await startServer(config).catch((error: Error) => {
  console.error(`The server could not start: ${error.message}`);
  process.exit(1);
});
onStopRequest(() => void server.close().then(() => process.exit(0)));
