// Waiting on conditions with a deadline (never a fixed sleep), and a silent logger for tests.
import { pino, type Logger } from 'pino';

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function quietLogger(): Logger {
  return pino({ level: process.env['EDGE_TEST_LOG'] ?? 'silent' });
}
