import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Bundles the workflow code with webpack into the file named by the first argument. The worker runs this as a
 * child process: webpack's working memory (about 140 MB) leaves with the child instead of staying in the worker.
 */
export async function bundleWorkflows(): Promise<string> {
  const workflowsPath = fileURLToPath(new URL('./workflows.ts', import.meta.url));
  const bundle = await bundleWorkflowCode({
    workflowsPath,
    // Our workflow modules load once, when the worker builds its workflow context, and are shared by every workflow
    // (the SDK freezes them). Left out, each workflow the worker creates or replays instantiated its own copy of
    // the 35 modules behind this barrel. Sharing is safe because no workflow module keeps state at module scope:
    // every workflow's state lives in its own closures (workflow-modules.test.ts checks the modules for it).
    preloadModules: [workflowsPath],
    logger: {
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      debug: () => undefined,
      trace: () => undefined,
      log: () => undefined,
    },
  });
  return bundle.code;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outFile = process.argv[2];
  if (!outFile) {
    console.error('usage: bundle-workflows.ts <out-file>');
    process.exit(2);
  }
  await writeFile(outFile, await bundleWorkflows());
}
