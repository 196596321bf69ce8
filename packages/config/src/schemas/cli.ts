import type { z } from 'zod';
import { databaseSchema } from './database.ts';
import { emailSchema } from './channels.ts';

export const cliConfigSchema = databaseSchema.and(emailSchema);
export type CliConfig = z.output<typeof cliConfigSchema>;
