import type { Database } from '@switchboard/db';

export interface CliDeps {
  db: Database;
  /** Lines for the operator; the last line of some commands is machine-read (e.g. the new API key). */
  print: (line: string) => void;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  run(values: Record<string, string | boolean | undefined>, deps: CliDeps): Promise<void>;
}

/** A mistake in how the command was called: printed with the usage, exit code 64 (EX_USAGE). */
export class UsageError extends Error {}

export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required`);
  return value.trim();
}
