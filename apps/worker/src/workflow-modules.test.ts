import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from './bundle-workflows.ts';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Module-scope declarations of a workflow module that could hold state: with the modules preloaded, every workflow
 * of a worker shares them, so a value one workflow changed would be seen by the others (and differ on replay).
 * Constants are fine; a collection is fine when its type says it is never changed (ReadonlySet, readonly string[]).
 */
function moduleScopeState(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node) =>
    `${fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    if (!(list.flags & ts.NodeFlags.Const)) {
      found.push(`${where(statement)}: a variable (let or var) at module scope`);
      continue;
    }
    for (const declaration of list.declarations) {
      const value = declaration.initializer;
      const type = declaration.type?.getText(source) ?? '';
      const readOnly = /^(Readonly|readonly )/.test(type) || (value && ts.isAsExpression(value));
      if (!value || readOnly) continue;
      if (ts.isNewExpression(value))
        found.push(`${where(declaration)}: a ${value.expression.getText(source)} at module scope`);
      else if (ts.isArrayLiteralExpression(value))
        found.push(`${where(declaration)}: an array at module scope`);
    }
  }
  return found;
}

describe('the worker’s workflow modules', () => {
  it('flags state at module scope and lets constants pass', () => {
    const text = [
      'let count = 0;',
      'const seen = new Map<string, number>();',
      'const queue: string[] = [];',
      'const NAMES: ReadonlySet<string> = new Set(["a"]);',
      'const retry = { initialInterval: "2 seconds" };',
      'const KINDS = ["a", "b"] as const;',
      'export async function flow() { const local = new Map(); return local.size + count; }',
    ].join('\n');
    expect(moduleScopeState('sample.ts', text)).toEqual([
      'sample.ts:1: a variable (let or var) at module scope',
      'sample.ts:2: a Map at module scope',
      'sample.ts:3: an array at module scope',
    ]);
  });

  it('are all preloaded, and none keeps state at module scope', { timeout: 120_000 }, async () => {
    const code = await bundleWorkflows();
    // The preload function requires the barrel, so everything it imports loads with it.
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
    expect(preload).toContain('"./apps/worker/src/workflows.ts"');
    const ours = [...new Set([...code.matchAll(/"\.\/((?:apps|packages)\/[^"]+\.ts)"/g)].map((m) => m[1]!))];
    expect(ours).toContain('packages/journeys/src/workflows/journey-instance.workflow.ts');
    const state = ours.flatMap((file) => moduleScopeState(file, readFileSync(path.join(root, file), 'utf8')));
    expect(state).toEqual([]);
  });
});
