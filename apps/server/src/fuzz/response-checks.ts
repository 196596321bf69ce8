import { findUnstorableInput, type Database } from '@switchboard/db';
import { InvalidUtf8, RawJson } from './hostile-values.ts';

/**
 * Whether the product must refuse this input as a whole: it holds text PostgreSQL cannot store (NUL, an unpaired
 * surrogate — which a driver would otherwise silently turn into U+FFFD), a number that is not finite, bytes that
 * are not UTF-8, or nesting past the limit. Accepting such an input means storing something other than was sent.
 */
export function mustBeRefused(input: unknown): boolean {
  let special = false;
  const plain = JSON.parse(
    JSON.stringify(input ?? null, (_key, value: unknown) => {
      if (value instanceof InvalidUtf8) special = true;
      if (value instanceof RawJson) {
        if (!Number.isFinite(Number(value.text))) special = true;
        return 0;
      }
      return value;
    }) ?? 'null',
  ) as unknown;
  return special || findUnstorableInput(plain) !== null;
}

/** A stack frame, a source path or a driver message: things an error answer must never show. */
const LEAKS =
  /\n\s+at \S|\bat [\w.<>]+ \([^)]*:\d+:\d+\)|node:internal|\/src\/[\w/.-]+\.ts\b|\bduplicate key value\b|\bsyntax error at or near\b|\binvalid byte sequence\b/;

export interface Answer {
  status: number;
  body: string;
}

/**
 * What every answer to hostile input must satisfy: no 5xx, nothing internal leaked, and a refused input names what
 * was wrong with it (REST `error.fields`, tRPC `data.fieldErrors`). Returns the problem, or null.
 */
export function answerProblem(answer: Answer, kind: 'rest' | 'trpc' | 'page'): string | null {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (LEAKS.test(answer.body)) return `leaked internals: ${answer.body.slice(0, 300)}`;
  if (answer.status !== 400 || kind === 'page') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return `a 400 that is not JSON: ${answer.body.slice(0, 200)}`;
  }
  const errors = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
  for (const entry of errors) {
    if (kind === 'rest') {
      const error = entry.error as
        { code?: string; fields?: Record<string, string>; message?: string } | undefined;
      if (!error?.message) return `a 400 without a message: ${answer.body.slice(0, 200)}`;
      // Only refusals of the body as a whole (not JSON, not UTF-8) have no field to name.
      if (
        !['malformed_json', 'bad_request'].includes(error.code ?? '') &&
        !Object.keys(error.fields ?? {}).length
      )
        return `a 400 that names no field: ${answer.body.slice(0, 200)}`;
    } else {
      const error = entry.error as
        { message?: string; data?: { code?: string; fieldErrors?: object } } | undefined;
      if (!error) continue;
      if (error.data?.code === 'PARSE_ERROR') continue;
      if (error.data?.code === 'BAD_REQUEST' && !Object.keys(error.data.fieldErrors ?? {}).length)
        return `a 400 that names no field: ${answer.body.slice(0, 200)}`;
      if (/^\s*[[{]/.test(error.message ?? ''))
        return `a message that is a JSON dump: ${error.message!.slice(0, 200)}`;
    }
  }
  return null;
}

/** Row counts of every table but the ones a refused request may legitimately touch (sign-in bookkeeping). */
export async function databaseFingerprint(db: Database): Promise<string> {
  const connection = db.fork().getConnection();
  const tables = await connection.execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
       and table_name not in ('sign_in_attempts', 'sessions', 'mikro_orm_migrations') order by table_name`,
  );
  const counts = await connection.execute<{ counts: string }[]>(
    `select concat_ws(',', ${tables.map((t) => `(select count(*) from "${t.table_name}")`).join(', ')}) as counts`,
  );
  return counts[0]!.counts;
}
