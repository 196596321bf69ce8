// The one barrel of workflows this worker bundles. Workflow code is deterministic: see the eslint rules for workflows/.
export * from '@switchboard/health/workflows';
export * from '@switchboard/sandbox/workflows';
