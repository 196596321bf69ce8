import { z } from 'zod';
import { postgresUrl } from './primitives.ts';

export const databaseSchema = z.object({
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
});
