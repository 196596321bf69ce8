import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.ts';
import { repoRoot } from '../support/repo-root.ts';

/**
 * The README's operator CLI, copied as written and run in order right after the two commands, on a machine without
 * a global pnpm: only placeholders (`<key id>`) are filled in. The product runs beside it (the import needs the
 * worker), on the test's own database and task queue.
 */
let e2e: E2eStack;
const scratch = path.join(repoRoot, '.data', `readme-cli-${process.pid}`);

beforeAll(async () => {
  e2e = await startE2eStack();
  await mkdir(scratch, { recursive: true });
}, 180_000);
afterAll(async () => {
  await e2e?.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** PATH without any folder that holds a pnpm binary, as on a fresh machine where only npm start installed pnpm. */
function pathWithoutPnpm(): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir && !existsSync(path.join(dir, 'pnpm')))
    .join(path.delimiter);
}

function shell(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: pathWithoutPnpm(),
    DATABASE_URL: e2e.databaseUrl,
    TEMPORAL_ADDRESS: e2e.stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: e2e.taskQueue,
  };
  for (const k of Object.keys(env))
    if (k.startsWith('npm_') || k === 'SWITCHBOARD_OWNER_PASSWORD') delete env[k];
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd: scratch, env, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function readmeCliCommands() {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Operator CLI'), readme.indexOf('## REST API'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const commands = block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
  const scripted = /`(KEY=\$\([^`]+\))`/.exec(section)![1]!;
  const paths = /```json\n([\s\S]*?)```/.exec(section)![1]!;
  return { commands, scripted, paths };
}

describe('the README’s CLI commands, copied as written', () => {
  it('all work in order after the two commands, without a global pnpm', async () => {
    expect((await shell('command -v pnpm || echo none')).stdout.trim()).toBe('none');
    const { commands, scripted, paths } = await readmeCliCommands();
    await writeFile(path.join(scratch, 'paths.json'), paths);
    expect(commands.length).toBeGreaterThanOrEqual(7);
    await writeFile(
      path.join(scratch, 'leads.csv'),
      'Email,First name,Phone\nada@fair.example,Ada,+49 151 12345678\nnot-an-email,Bob,\nchen@fair.example,Chen,\n',
    );
    let keyId = '';
    for (const template of commands) {
      const command = template.replace('<key id>', keyId);
      const result = await shell(command);
      expect(result.code, `${command}\n${result.stdout}\n${result.stderr}`).toBe(0);
      const created = /Created API key "[^"]*" \(([0-9a-f-]{36})\)/.exec(result.stdout);
      if (created) keyId = created[1]!;
      if (command.includes('api-key revoke')) expect(result.stdout).toContain(`Revoked API key ${keyId}.`);
      if (command.includes(' attribution ')) {
        // The README's example: one path converts 64.76 after email then SMS, one email path does not convert.
        const credits = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as Record<
          string,
          Record<string, number>
        >;
        expect(Object.keys(credits)).toEqual(['first', 'last', 'linear', 'time-decay', 'position', 'markov']);
        expect(credits.first).toEqual({ email: 64.76, sms: 0 });
        expect(credits.last).toEqual({ email: 0, sms: 64.76 });
      }
      if (command.includes(' import ')) {
        expect(result.stdout).toContain('Done: 2 created, 0 updated, 0 duplicates merged, 1 rejected.');
        expect(existsSync(path.join(scratch, 'leads.rejected.csv'))).toBe(true);
      }
    }
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);

    const key = await shell(`${scripted} && echo "$KEY"`);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout.trim()).toMatch(/^sb_live_\S+$/);
  }, 300_000);
});
