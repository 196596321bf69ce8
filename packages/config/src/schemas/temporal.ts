import { z } from 'zod';

export const temporalSchema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d+$/, 'must be host:port, e.g. localhost:7233')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('switchboard'),
  TEMPORAL_WECHAT_TASK_QUEUE: z.string().min(1).default('switchboard-wechat-gateway'),
});
