// Bounds how long the composition root waits on the database, so a hung connection cannot stall reloads or health checks.

/** Resolves or rejects as `promise` does, or rejects after `ms` with "<what> timed out after <ms> ms". */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
