import { benchLine, load, median, type LoadResult } from '../measure.ts';
import { startBenchStack } from '../bench-stack.ts';

export interface LoadOptions {
  seconds: number;
  connections: number;
  rounds: number;
  repoRoot: string;
}

/**
 * An authenticated tRPC query (session cookie → session, user, workspace and membership read from PostgreSQL) against
 * a no-op Hono route in the same server process: how much our request path costs over the bare framework.
 */
export async function apiOverhead(options: LoadOptions): Promise<string> {
  const stack = await startBenchStack(options.repoRoot);
  try {
    const cookie = { cookie: `sb_session=${stack.sessionToken}` };
    const run = (url: string, headers?: Record<string, string>) =>
      load(url, {
        seconds: options.seconds,
        connections: options.connections,
        ...(headers ? { headers } : {}),
      });
    // Warm up both paths (JIT, connection pool) before measuring.
    await load(`${stack.base}/noop`, { seconds: 2, connections: options.connections });
    await load(`${stack.base}/trpc/auth.me`, {
      seconds: 2,
      connections: options.connections,
      headers: cookie,
    });
    const ceiling: LoadResult[] = [];
    const project: LoadResult[] = [];
    for (let round = 0; round < options.rounds; round++) {
      ceiling.push(await run(`${stack.base}/noop`));
      project.push(await run(`${stack.base}/trpc/auth.me`, cookie));
    }
    const failures = [...ceiling, ...project].reduce((n, r) => n + r.errors + r.non2xx, 0);
    if (failures > 0) throw new Error(`${failures} failed requests during the benchmark`);
    const projectRps = median(project.map((r) => r.requestsPerSecond));
    const ceilingRps = median(ceiling.map((r) => r.requestsPerSecond));
    const table = [
      `api-overhead (median of ${options.rounds} rounds, ${options.seconds} s each, ${options.connections} connections)`,
      `  ceiling  GET /noop                    ${ceilingRps.toFixed(0).padStart(7)} req/s  p99 ${median(ceiling.map((r) => r.p99Ms))} ms`,
      `  project  GET /trpc/auth.me (session)  ${projectRps.toFixed(0).padStart(7)} req/s  p99 ${median(project.map((r) => r.p99Ms))} ms`,
    ].join('\n');
    return `${table}\n${benchLine('api-overhead', projectRps / ceilingRps, {
      req_s: projectRps,
      ceiling_req_s: ceilingRps,
      p99_ms: median(project.map((r) => r.p99Ms)),
      ceiling_p99_ms: median(ceiling.map((r) => r.p99Ms)),
    })}`;
  } finally {
    await stack.close();
  }
}
