// Test harness for the store conformance suite: one database per test, opened through the public entry.
import type { CommonStoreOptions, Store } from '../types.js';

/** One isolated database (a temp file or a fresh schema) that stores can be opened on. */
export interface StoreHarness {
  /** Opens a new Store on this database; several may be open at once (two "processes"). */
  open(options?: CommonStoreOptions): Promise<Store>;
  /** Closes what `open` returned and removes the database. */
  destroy(): Promise<void>;
}

/** Creates a fresh, empty database for one test. */
export type MakeHarness = () => Promise<StoreHarness>;

/** What each group of cases gets: the test's main store and its harness. */
export interface SuiteContext {
  store(): Store;
  harness(): StoreHarness;
  /** Reopens the main store with options (the previous one is closed). */
  reopen(options?: CommonStoreOptions): Promise<Store>;
}

/** Polls `check` until it returns true, failing after `timeoutMs` (no fixed sleeps). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs `fn` and returns the error it throws (failing if it does not). */
export async function caught(fn: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected an error, none was thrown');
}
