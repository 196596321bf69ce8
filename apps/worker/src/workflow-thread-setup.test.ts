import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const setup = fileURLToPath(new URL('./workflow-thread-setup.mjs', import.meta.url));

// A busy 200 ms inside a vm context with a 20 ms timeout, as the SDK runs a workflow activation.
const busy = `
const vm = require('node:vm');
exports.busy = () => {
  try {
    new vm.Script('const t = Date.now(); while (Date.now() - t < 200) {}')
      .runInContext(vm.createContext({ Date }), { timeout: 20 });
    return 'ran';
  } catch (e) {
    return e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT' ? 'timed out' : String(e);
  }
};`;
// Run in the main thread and in a worker thread started from a file, as Temporal starts its workflow thread (Node
// loads --import modules into those, not into eval'd threads).
const main = `
const { Worker } = require('node:worker_threads');
const { busy } = require('./busy.cjs');
const thread = new Worker(require('node:path').join(__dirname, 'thread.cjs'));
thread.once('message', (inThread) => {
  console.log(JSON.stringify({ main: busy(), thread: inThread }));
  thread.terminate();
});`;
const thread = `require('node:worker_threads').parentPort.postMessage(require('./busy.cjs').busy());`;

// The SDK's in-thread sandbox passes a timeout of 2^32 − 1 ms ("none"), which still costs a watchdog thread per
// call: 3,000 calls with it against 3,000 without, best of three each (≈ 30× apart with the watchdog).
const sentinel = `
const vm = require('node:vm');
const context = vm.createContext({});
const script = new vm.Script('1 + 1');
const time = (options) => {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 3000; i++) script.runInContext(context, options);
    best = Math.min(best, Number(process.hrtime.bigint() - started));
  }
  return best;
};
time({});
console.log(JSON.stringify({ times: time({ timeout: 4294967295 }) / time({}) }));`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workflow-thread-setup-'));
  await writeFile(path.join(dir, 'busy.cjs'), busy);
  await writeFile(path.join(dir, 'main.cjs'), main);
  await writeFile(path.join(dir, 'thread.cjs'), thread);
  await writeFile(path.join(dir, 'sentinel.cjs'), sentinel);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function node(script: string, env: Record<string, string> = {}, flags = [`--import=${setup}`]) {
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, path.join(dir, script)], {
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}
const run = (env: Record<string, string> = {}) => node('main.cjs', env);

describe('workflow thread setup', () => {
  it('runs sandbox calls in worker threads without the per-call watchdog; the main thread keeps real timeouts', async () => {
    expect(await run()).toEqual({ main: 'timed out', thread: 'ran' });
  });

  it('drops only the in-thread sandbox\'s "no timeout" in the main thread, which costs a watchdog per call', async () => {
    const without = (await node('sentinel.cjs', {}, [])).times as number;
    const withSetup = (await node('sentinel.cjs')).times as number;
    expect(without).toBeGreaterThan(5);
    expect(withSetup).toBeLessThan(5);
  });

  it('keeps the watchdog everywhere with WORKER_WORKFLOW_DEADLOCK_TIMEOUT=true', async () => {
    expect(await run({ WORKER_WORKFLOW_DEADLOCK_TIMEOUT: 'true' })).toEqual({
      main: 'timed out',
      thread: 'timed out',
    });
  });
});
