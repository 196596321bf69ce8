import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Client } from '@temporalio/client';
import type { Actor } from '@switchboard/accounts';
import type { Database } from '@switchboard/db';
import { InputError } from '@switchboard/contacts';
import {
  createImport,
  failImport,
  getImport,
  rejectedRows,
  startImportWorkflow,
  utf8Text,
} from '@switchboard/imports';

/** Large enough for a few million rows of a typical export; the upload is streamed, never held in memory. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const CSV_TYPES =
  /^(text\/(csv|plain|tab-separated-values)|application\/(octet-stream|csv|vnd\.ms-excel))\b/i;

export interface ImportDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
}

/** The body's bytes, stopping at the size limit (the upload is streamed, so the limit is enforced as it arrives). */
async function* limitedBody(c: Context): AsyncIterable<Uint8Array> {
  const body = c.req.raw.body;
  if (!body) return;
  let bytes = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (bytes > MAX_UPLOAD_BYTES)
      throw new HTTPException(413, {
        message: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB; split it into several files`,
      });
    yield chunk;
  }
}

function jsonQuery(c: Context, name: string, example: string): unknown {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // Reported below with an example.
  }
  throw new InputError({ [name]: `must be a JSON object such as ${example}` });
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  const bad = entries.find(([, v]) => typeof v !== 'string');
  if (bad)
    throw new InputError({ [`mapping.${bad[0]}`]: 'must be a target such as "email" or "attribute:plan"' });
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * POST body = the CSV file; query: fileName, mapping (JSON, targets by column name), options (JSON). Stores the rows,
 * starts the durable import and answers 202 with the import to poll.
 */
export async function acceptImport(c: Context, deps: ImportDeps, workspaceId: string, actor: Actor) {
  const contentType = c.req.header('content-type') ?? '';
  if (!CSV_TYPES.test(contentType))
    throw new HTTPException(415, {
      message: `Send the CSV file itself as the body with Content-Type: text/csv (got "${contentType || 'none'}")`,
    });
  const mapping = stringRecord(jsonQuery(c, 'mapping', '{"E-Mail":"email","Plan":"attribute:plan"}'));
  const options = jsonQuery(
    c,
    'options',
    '{"tags":["fair-2026"],"consent":{"channel":"email","status":"opted_in"}}',
  );
  const em = deps.db.fork();
  const created = await createImport(em, {
    workspaceId,
    fileName: c.req.query('fileName') ?? 'contacts.csv',
    csv: utf8Text(limitedBody(c)),
    ...(mapping ? { mapping } : {}),
    options,
    actor,
  });
  try {
    await startImportWorkflow(deps.temporal, deps.taskQueue, created.id);
  } catch (error) {
    await failImport(em, created.id, `Could not start: ${(error as Error).message}`);
    return c.json(
      {
        error: {
          code: 'unavailable',
          message:
            'The workflow service is unreachable, so the import was not started; try again in a minute',
        },
      },
      503,
    );
  }
  const view = await getImport(em, workspaceId, created.id);
  return c.json({ import: view }, 202);
}

/** The import with its first rejected rows, for GET endpoints. */
export async function importWithRejections(deps: ImportDeps, workspaceId: string, id: string) {
  const em = deps.db.fork();
  const view = await getImport(em, workspaceId, id);
  if (!view) return null;
  return { import: view, rejectedRows: view.counts.rejected ? await rejectedRows(em, id, 100) : [] };
}
