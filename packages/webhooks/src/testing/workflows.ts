// The workflows a webhook test worker bundles.
export * from '../workflows/index.ts';
