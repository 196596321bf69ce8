import { z } from 'zod';
import { httpUrl, port, postgresUrl } from './primitives.ts';

/** What `npm start` reads: where to keep local data and which ports the embedded services take. */
export const launcherConfigSchema = z.object({
  DATA_DIR: z.string().default('.data'),
  DATABASE_URL: postgresUrl.optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_CLI: z.string().optional(),
  PORT: port.default(3000),
  PUBLIC_URL: httpUrl.optional(),
  PG_PORT: port.default(5433),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  SANDBOX_SMTP_PORT: port.default(2525),
  SANDBOX_HTTP_PORT: port.default(4010),
  /** Where bounces, complaints and replies arrive (point your bounce domain's MX here). */
  INBOUND_SMTP_PORT: port.default(2526),
  SMTP_URL: z.string().optional(),
  TWILIO_ACCOUNT_SID: z.string().optional(),
});

export type LauncherConfig = z.output<typeof launcherConfigSchema>;
