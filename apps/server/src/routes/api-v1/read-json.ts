import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** The request body as JSON; anything else is a 415 or a 400 before any handler logic runs. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new HTTPException(415, { message: 'Send the body as JSON with "Content-Type: application/json"' });
  return c.req.json();
}
