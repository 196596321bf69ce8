/** PostgreSQL's code for a transaction it chose to abort to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

const isDeadlock = (error: unknown): boolean => {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: unknown }).code === DEADLOCK_DETECTED) return true;
  return false;
};

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock (the whole transaction was rolled back, so
 * running it again is safe). Changing the webhook triggers locks several tables one after another while writers
 * lock them in their own order: one side of such a cycle is chosen to fail, and it must not be the person saving.
 */
export async function retryOnDeadlock<T>(run: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= tries || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
