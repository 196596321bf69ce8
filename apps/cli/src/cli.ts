import { parseArgs } from 'node:util';
import { DomainError } from '@switchboard/accounts';
import { InputError } from '@switchboard/contacts';
import { importContacts } from './commands/import-contacts.ts';
import { DataError, UsageError, type CliDeps, type Command, type OfflineCommand } from './command.ts';
import { attribution } from './commands/attribution.ts';
import { workspaceCreate } from './commands/workspace-create.ts';
import { apiKeyCreate, apiKeyList, apiKeyRevoke } from './commands/api-keys.ts';
import { migrate, seedDemo } from './commands/database.ts';

export const COMMANDS: (Command | OfflineCommand)[] = [
  workspaceCreate,
  apiKeyCreate,
  apiKeyList,
  apiKeyRevoke,
  migrate,
  seedDemo,
  importContacts,
  attribution,
];

export function helpText(): string {
  return [
    'Switchboard operator CLI: npm run cli -- <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'DATABASE_URL selects the database (default: the one `npm start` runs on 127.0.0.1:5433);',
    'TEMPORAL_ADDRESS the workflow service for imports (default localhost:7233, where `npm start` runs it).',
  ].join('\n');
}

/** Finds the command named by the first one or two words of argv. */
export function findCommand(argv: string[]): { command: Command | OfflineCommand; rest: string[] } | null {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return null;
}

/** Runs one command; returns the process exit code. */
export async function runCli(
  argv: string[],
  deps: () => Promise<CliDeps & { close(): Promise<void> }>,
  stderr: (line: string) => void,
  stdout: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    stderr(helpText());
    return argv.length === 0 ? 64 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    stderr(`Unknown command "${argv.slice(0, 2).join(' ')}".\n\n${helpText()}`);
    return 64;
  }
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: found.rest,
      options: found.command.options,
      strict: true,
      allowPositionals: (found.command.positionals ?? 0) > 0,
    }));
    if (positionals.length !== (found.command.positionals ?? 0))
      throw new Error(
        positionals.length > (found.command.positionals ?? 0)
          ? `Unexpected argument "${positionals.at(-1)}"`
          : 'Missing argument',
      );
  } catch (error) {
    stderr(`${(error as Error).message}\nUsage: npm run cli -- ${found.command.usage}`);
    return 64;
  }
  const command = found.command;
  const resolved = 'offline' in command ? undefined : await deps();
  try {
    if ('offline' in command) await command.run(values, { print: stdout }, positionals);
    else await command.run(values, resolved!, positionals);
    return 0;
  } catch (error) {
    if (error instanceof DataError) {
      stderr(error.message);
      return error.exitCode;
    }
    if (error instanceof UsageError) {
      stderr(`${error.message}\nUsage: npm run cli -- ${found.command.usage}`);
      return 64;
    }
    if (error instanceof InputError) {
      stderr(
        Object.entries(error.fields)
          .map(([field, message]) => `${field}: ${message}`)
          .join('\n'),
      );
      return 65;
    }
    if (error instanceof DomainError) {
      stderr(`${error.field ? `${error.field}: ` : ''}${error.message}`);
      return 65;
    }
    throw error;
  } finally {
    await resolved?.close();
  }
}
