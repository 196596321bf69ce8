import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Requests answered 2xx: what the server accepted. */
  ok: number;
}

/** One bounded autocannon run against 127.0.0.1. */
export async function load(
  url: string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('Load tests only target 127.0.0.1');
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections,
    pipelining: 1,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok: result['2xx'],
  };
}

/**
 * A bounded POST load where every request gets a fresh body; `body()` returns the body and the keys it carries
 * (e.g. messageIds), and `accepted` collects the keys of every request the server answered 2xx.
 */
export async function loadPosts(
  url: string,
  options: {
    seconds: number;
    connections: number;
    headers: Record<string, string>;
    body: () => { body: string; keys: string[] };
    accepted: Set<string>;
  },
): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(url)) throw new Error('Load tests only target 127.0.0.1');
  const target = new URL(url);
  const result = await autocannon({
    url: target.origin,
    duration: options.seconds,
    connections: options.connections,
    requests: [
      {
        method: 'POST',
        path: target.pathname,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request, context) => {
          const next = options.body();
          (context as { keys?: string[] }).keys = next.keys;
          return { ...request, body: next.body };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300)
            for (const key of (context as { keys?: string[] }).keys ?? []) options.accepted.add(key);
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok: result['2xx'],
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function benchLine(name: string, ratio: number, fields: Record<string, number | string>): string {
  return `BENCH ${name} ratio=${ratio.toFixed(3)} ${Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toFixed(2)) : v}`)
    .join(' ')}`;
}

/** The p-th percentile of ascending `sorted` (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Calls `fire(i)` for i = 0…n-1 at `rate` per second (each on its own schedule, not waiting for the previous). */
export async function paced(n: number, rate: number, fire: (i: number) => Promise<void>) {
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    running.push(fire(i));
  }
  await Promise.all(running);
}
