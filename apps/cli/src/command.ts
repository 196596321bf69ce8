import type { Client } from '@temporalio/client';
import type { Database } from '@switchboard/db';

export interface CliDeps {
  db: Database;
  /** Connects to Temporal on first use (only commands that start workflows need it). */
  temporal: () => Promise<{ client: Client; taskQueue: string }>;
  /** Progress output (a bar on a terminal, occasional lines otherwise); never machine-read. */
  progress: (line: string, final?: boolean) => void;
  /** Lines for the operator; the last line of some commands is machine-read (e.g. the new API key). */
  print: (line: string) => void;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /** How many positional arguments the command takes (e.g. a file); none unless said. */
  positionals?: number;
  run(
    values: Record<string, string | boolean | undefined>,
    deps: CliDeps,
    positionals: string[],
  ): Promise<void>;
}

/** A command that needs neither the database nor Temporal (e.g. computing over a file): it only prints. */
export interface OfflineCommand extends Omit<Command, 'run'> {
  offline: true;
  run(
    values: Record<string, string | boolean | undefined>,
    io: { print: (line: string) => void },
    positionals: string[],
  ): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 64 (EX_USAGE). */
export class UsageError extends Error {}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required`);
  return value.trim();
}

/**
 * Input that is unusable: a file that is not JSON or not in the format (exit code 65, EX_DATAERR), or that cannot be
 * read at all (66, EX_NOINPUT).
 */
export class DataError extends Error {
  constructor(
    message: string,
    readonly exitCode: 65 | 66 = 65,
  ) {
    super(message);
  }
}
