// What a journeys test worker bundles: the instance workflow and the message delivery it hands WeChat sends to.
export * from '../workflows/index.ts';
export * from '@switchboard/messaging/workflows';
