// The one barrel of workflows this worker bundles. Workflow code is deterministic: see the eslint rules for workflows/.
export * from '@switchboard/operations/workflows';
export * from '@switchboard/sandbox/workflows';
export * from '@switchboard/imports/workflows';
export * from '@switchboard/audience/workflows';
export * from '@switchboard/messaging/workflows';
export * from '@switchboard/campaigns/workflows';
export * from '@switchboard/journeys/workflows';
export * from '@switchboard/inbox/workflows';
export * from '@switchboard/webhooks/workflows';
