import { cliConfigSchema, loadConfigOrExit } from '@switchboard/config';
import { openDatabase } from '@switchboard/db';
import { runCli } from './cli.ts';

// The CLI's composition root: the database is opened only once a valid command has been parsed.
const code = await runCli(
  process.argv.slice(2),
  async () => {
    const config = loadConfigOrExit(cliConfigSchema, {
      DATABASE_URL: `postgres://switchboard:switchboard-local@127.0.0.1:${process.env.PG_PORT ?? 5433}/switchboard`,
      ...process.env,
    });
    const db = await openDatabase({ url: config.DATABASE_URL, poolMax: 2 });
    return { db, print: (line) => console.log(line), close: () => db.close() };
  },
  (line) => console.error(line),
).catch((error: Error) => {
  console.error(`Failed: ${error.message}`);
  return 1;
});
process.exit(code);
