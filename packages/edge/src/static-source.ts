// A SnapshotSource over a value held in memory: for `portcullis edge --config file.json`, tests
// and benchmarks. `set` replaces the config and notifies subscribers.
import type { EdgeConfig, SnapshotSource } from './config.js';

/** A source whose config is replaced by `set()`. */
export interface StaticSource extends SnapshotSource {
  set(config: EdgeConfig): void;
}

/** Creates an in-memory source. */
export function staticSource(initial: EdgeConfig): StaticSource {
  let config = initial;
  const listeners = new Set<() => void>();
  return {
    current: () => config,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    set(next) {
      config = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
