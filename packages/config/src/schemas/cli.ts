import type { z } from 'zod';
import { databaseSchema } from './database.ts';
import { emailSchema } from './channels.ts';
import { temporalSchema } from './temporal.ts';

export const cliConfigSchema = databaseSchema.and(emailSchema).and(temporalSchema);
export type CliConfig = z.output<typeof cliConfigSchema>;
