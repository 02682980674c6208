import { describe, expect, it } from 'vitest';
import { revocationEntry } from './revocations.js';

const big = Array.from({ length: 10_000 }, (_, i) => (0x100000 + i * 7).toString(16).toUpperCase()).sort();

describe('revocationEntry', () => {
  it('canonicalises serials (case, colons, leading zeros)', () => {
    const entry = revocationEntry(['00ab', 'c:d', '0'], undefined);
    expect(['AB', 'CD', '0'].map((s) => entry.set.has(s))).toEqual([true, true, true]);
    expect(entry.set.has('00AB')).toBe(false);
  });

  it('reuses an unchanged list', () => {
    const first = revocationEntry(big, undefined);
    expect(revocationEntry([...big], first).set).toBe(first.set);
  });

  it('applies a small change to a sorted list as a delta over the same base', () => {
    const first = revocationEntry(big, undefined);
    const added = 'FFFFFF01';
    const removed = big[10]!;
    const next = [...big.filter((s) => s !== removed), added].sort();
    const second = revocationEntry(next, first);
    expect(second.base).toBe(first.base);
    expect(second.set.has(added)).toBe(true);
    expect(second.set.has(removed)).toBe(false);
    expect(second.set.has(big[11]!)).toBe(true);
    expect(second.set.size).toBe(big.length);
    // A further change is computed against the same base, and the first delta is not lost.
    const third = revocationEntry([...next, 'FFFFFF02'].sort(), second);
    expect(third.base).toBe(first.base);
    expect(['FFFFFF01', 'FFFFFF02'].every((s) => third.set.has(s))).toBe(true);
    expect(third.set.has(removed)).toBe(false);
  });

  it('rebuilds for an unsorted list or a large change', () => {
    const first = revocationEntry(big, undefined);
    const unsorted = revocationEntry([...big].reverse(), first);
    expect(unsorted.base).not.toBe(first.base);
    expect(unsorted.set.has(big[0]!)).toBe(true);
    const halved = revocationEntry(big.slice(0, 5000), first);
    expect(halved.base).not.toBe(first.base);
    expect(halved.set.size).toBe(5000);
  });
});
