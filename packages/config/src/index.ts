export { ConfigError, loadConfig, loadConfigOrExit } from './env-loader.ts';
export { serverConfigSchema, type ServerConfig } from './schemas/server.ts';
export { workerConfigSchema, type WorkerConfig } from './schemas/worker.ts';
export { launcherConfigSchema, type LauncherConfig } from './schemas/launcher.ts';
export { cliConfigSchema, type CliConfig } from './schemas/cli.ts';
export { databaseSchema } from './schemas/database.ts';
export { temporalSchema } from './schemas/temporal.ts';
export { emailSchema, smsSchema, chatSchema, sandboxSchema, messagingSchema } from './schemas/channels.ts';
export { onStopRequest, whenParentGone } from './stop-requests.ts';
