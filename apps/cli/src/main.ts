import { Client, Connection } from '@temporalio/client';
import { cliConfigSchema, loadConfigOrExit } from '@switchboard/config';
import { openDatabase } from '@switchboard/db';
import { runCli } from './cli.ts';
import { terminalProgress } from './terminal-progress.ts';

// The CLI's composition root: the database is opened only once a valid command has been parsed, Temporal only when
// a command needs it.
const code = await runCli(
  process.argv.slice(2),
  async () => {
    const config = loadConfigOrExit(cliConfigSchema, {
      DATABASE_URL: `postgres://switchboard:switchboard-local@127.0.0.1:${process.env.PG_PORT ?? 5433}/switchboard`,
      ...process.env,
    });
    const db = await openDatabase({ url: config.DATABASE_URL, poolMax: 2 });
    let connection: Connection | undefined;
    return {
      db,
      print: (line) => console.log(line),
      progress: terminalProgress(process.stderr),
      async temporal() {
        connection ??= await Connection.connect({ address: config.TEMPORAL_ADDRESS }).catch(
          (error: Error) => {
            throw new Error(
              `Cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (${error.message}); start Switchboard (npm start) or set TEMPORAL_ADDRESS`,
            );
          },
        );
        return {
          client: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
        };
      },
      async close() {
        await connection?.close();
        await db.close();
      },
    };
  },
  (line) => console.error(line),
).catch((error: Error) => {
  console.error(`Failed: ${error.message}`);
  return 1;
});
process.exit(code);
