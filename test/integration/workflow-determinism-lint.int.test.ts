import { existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/repo-root.ts';

const workflowFile = path.join(repoRoot, 'packages/operations/src/workflows/health-check.workflow.ts');
const eslint = new ESLint({ cwd: repoRoot });

async function ruleIds(code: string): Promise<string[]> {
  expect(existsSync(workflowFile), `${workflowFile} must exist for the typed lint rules to apply`).toBe(true);
  const [result] = await eslint.lintText(code, { filePath: workflowFile });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint rules for workflow code', () => {
  it('forbid Node built-ins, I/O packages and non-deterministic globals in workflow files', async () => {
    const ids = await ruleIds(
      [
        "import { readFileSync } from 'node:fs';",
        "import nodemailer from 'nodemailer';",
        "import { openDatabase } from '@switchboard/db';",
        'export async function bad(): Promise<unknown> {',
        '  setTimeout(() => undefined, 1);',
        '  return [readFileSync, nodemailer, openDatabase, await fetch("x")];',
        '}',
      ].join('\n'),
    );
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(3);
    expect(ids.filter((id) => id === 'no-restricted-globals')).toHaveLength(2);
  }, 60_000);

  it('allow type-only imports of activities and flag floating promises', async () => {
    const ids = await ruleIds(
      [
        "import { sleep } from '@temporalio/workflow';",
        "import type { Database } from '@switchboard/db';",
        'export function ok(_db?: Database): void {',
        "  sleep('1 second');",
        '}',
      ].join('\n'),
    );
    expect(ids).toEqual(['@typescript-eslint/no-floating-promises']);
  }, 60_000);
});
