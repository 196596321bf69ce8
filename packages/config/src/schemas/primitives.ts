import { z } from 'zod';

export const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

export const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const httpUrl = z
  .string()
  .url('must be a URL such as http://localhost:3000')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
  .transform((u) => u.replace(/\/+$/, ''));

export const postgresUrl = z
  .string()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// connection URL');

export const logLevel = z.enum(['debug', 'info', 'warn', 'error']).default('info');
