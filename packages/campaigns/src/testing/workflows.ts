// The workflows a campaign needs in a test worker: the campaign itself and per-message delivery (for deferrals).
export * from '../workflows/index.ts';
export * from '@switchboard/messaging/workflows';
