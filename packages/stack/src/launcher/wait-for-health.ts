/** Polls /healthz until the whole round trip (database, Temporal, worker) answers ok. */
export async function waitForHealthy(
  url: string,
  timeoutMs: number,
  onTick?: (elapsedMs: number) => void,
): Promise<void> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
      last = await res.text();
    } catch (error) {
      last = (error as Error).message;
    }
    onTick?.(Date.now() - started);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `Switchboard did not become healthy within ${Math.round(timeoutMs / 1000)} s. Last answer: ${last}`,
  );
}
