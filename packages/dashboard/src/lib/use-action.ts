// Runs a user action (a write), tracking whether it is pending and the error it ended with.
import { useCallback, useState } from 'react';

export interface Action<A extends unknown[]> {
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  error: unknown;
  clearError: () => void;
}

export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<unknown>): Action<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(undefined);
      try {
        await perform(...args);
        return true;
      } catch (reason) {
        setError(reason);
        return false;
      } finally {
        setPending(false);
      }
    },
    [perform],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { run, pending, error, clearError };
}
