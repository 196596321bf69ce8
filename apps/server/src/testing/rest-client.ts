import { createApiKey, type ApiScope } from '@switchboard/accounts';
import type { TestApp } from './test-app.ts';

export interface RestAnswer {
  status: number;
  // Tests read whatever JSON came back and assert on its shape.
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** An API key of the workspace with these scopes, made as Settings → API keys makes one. */
export async function apiKeyWith(t: TestApp, workspaceId: string, scopes: ApiScope[]): Promise<string> {
  const created = await createApiKey(t.database.db.fork(), {
    workspaceId,
    name: `key ${scopes.join(' ')}`,
    scopes,
    actor: { type: 'cli', id: null, label: 'test' },
  });
  return created.key;
}

/** Calls /api/v1 as a client does: a bearer key, a JSON body, the answer's JSON (null when empty). */
export function restClient(t: TestApp) {
  return async (key: string, method: string, path: string, body?: unknown): Promise<RestAnswer> => {
    const response = await t.app.request(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as RestAnswer['body'] };
  };
}
