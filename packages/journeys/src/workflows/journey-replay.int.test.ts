import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';

/**
 * Recorded histories of the recipes (see journey-days.int.test.ts; RECORD_JOURNEY_HISTORIES=1 writes them) replayed
 * against the current workflow code. A change that would break instances already running fails here: put it behind
 * `patched()` and keep the old path until those instances have finished.
 */
describe('journey workflow replay', () => {
  it('replays every recorded recipe history without nondeterminism', async () => {
    const dir = new URL('./histories/', import.meta.url);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const histories = await Promise.all(
      files.map(async (name) => ({
        workflowId: name,
        history: historyFromJSON(JSON.parse(await readFile(new URL(name, dir), 'utf8'))),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath: fileURLToPath(new URL('../testing/workflows.ts', import.meta.url)) },
      histories,
    ))
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
