import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InputError } from '@switchboard/contacts';
import { decodeUtf8Strict, findUnstorableInput } from '@switchboard/db';

/**
 * The request body as JSON that can be stored as sent; anything else is a 415 or a 400 before any handler logic
 * runs: not JSON, not valid UTF-8 (never silently replaced by U+FFFD), or holding text PostgreSQL refuses (NUL, an
 * unpaired surrogate), a non-finite number or hostile nesting — named by its field.
 */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new HTTPException(415, { message: 'Send the body as JSON with "Content-Type: application/json"' });
  const text = decodeUtf8Strict(new Uint8Array(await c.req.arrayBuffer()));
  if (text === null) throw new HTTPException(400, { message: 'The request body is not valid UTF-8' });
  const body = JSON.parse(text) as unknown;
  const unstorable = findUnstorableInput(body);
  if (unstorable) throw new InputError({ [unstorable.path || '(body)']: unstorable.message });
  return body;
}
