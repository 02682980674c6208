// Tests of the rebuilding snapshot source: notices, polling, coalescing, and keeping the last good snapshot.
import { describe, expect, it, vi } from 'vitest';
import { RebuildingSnapshotSource, type SnapshotInputs } from './rebuilding-snapshot-source.js';

interface Fake {
  version: number;
  fail: boolean;
  builds: number;
  listeners: Set<() => void>;
  inputs: SnapshotInputs<{ version: number }>;
}

function fake(): Fake {
  const state: Fake = {
    version: 1,
    fail: false,
    builds: 0,
    listeners: new Set(),
    inputs: undefined as never,
  };
  state.inputs = {
    build: async () => {
      await Promise.resolve();
      if (state.fail) throw new Error('database unreachable');
      state.builds += 1;
      return { version: state.version };
    },
    version: async () => {
      if (state.fail) throw new Error('database unreachable');
      return state.version;
    },
    subscribe: (listener) => {
      state.listeners.add(listener);
      return () => state.listeners.delete(listener);
    },
    versionOf: (config) => config.version,
  };
  return state;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('RebuildingSnapshotSource', () => {
  it('rebuilds on a change notice and tells the edge', async () => {
    const state = fake();
    const source = new RebuildingSnapshotSource(state.inputs, { pollIntervalMs: 60_000 });
    await source.start();
    const onChange = vi.fn();
    source.subscribe(onChange);
    state.version = 2;
    for (const listener of state.listeners) listener();
    await until(() => onChange.mock.calls.length === 1);
    expect(source.current()).toEqual({ version: 2 });
    await source.close();
  });

  it('coalesces a burst of notices into at most one follow-up rebuild', async () => {
    const state = fake();
    const source = new RebuildingSnapshotSource(state.inputs, { pollIntervalMs: 60_000 });
    await source.start();
    const before = state.builds;
    state.version = 5;
    const all = Array.from({ length: 20 }, () => source.refresh());
    await Promise.all(all);
    await until(() => source.current().version === 5);
    expect(state.builds - before).toBeLessThanOrEqual(2);
    await source.close();
  });

  it('notices a version change by polling when no notice arrives', async () => {
    const state = fake();
    const source = new RebuildingSnapshotSource(state.inputs, { pollIntervalMs: 20 });
    await source.start();
    state.version = 9;
    await until(() => source.current().version === 9);
    await source.close();
  });

  it('keeps the last good configuration while the store is unreachable, and recovers', async () => {
    const state = fake();
    const source = new RebuildingSnapshotSource(state.inputs, { pollIntervalMs: 20 });
    await source.start();
    state.fail = true;
    state.version = 3;
    await source.refresh();
    expect(source.current()).toEqual({ version: 1 });
    expect(source.status().lastError).toBe('database unreachable');
    state.fail = false;
    await until(() => source.current().version === 3);
    expect(source.status().lastError).toBeNull();
    await source.close();
  });

  it('gives up on a build that hangs, keeps the last good configuration, and rebuilds later', async () => {
    const state = fake();
    const source = new RebuildingSnapshotSource(state.inputs, { pollIntervalMs: 20, timeoutMs: 50 });
    await source.start();
    const build = state.inputs.build;
    state.inputs.build = () => new Promise(() => {});
    state.version = 4;
    await source.refresh();
    expect(source.current()).toEqual({ version: 1 });
    expect(source.status().lastError).toMatch(/timed out/);
    state.inputs.build = build;
    await until(() => source.current().version === 4);
    await source.close();
  });

  it('fails start when the first build fails', async () => {
    const state = fake();
    state.fail = true;
    const source = new RebuildingSnapshotSource(state.inputs, { pollIntervalMs: 20 });
    await expect(source.start()).rejects.toThrow('database unreachable');
  });
});
