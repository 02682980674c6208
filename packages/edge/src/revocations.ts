// Revoked serials per CA, built so that a reload with a million serials stays fast: an unchanged
// list is reused as is, a small change to a sorted list is applied as a delta over the previous
// set (a merge walk, no re-hashing of the million), anything else is rebuilt.
import { canonicalSerial } from './tls/verify-client.js';

/** Lookup of one CA's revoked serials (canonical: upper-case hex, no leading zeros). */
export interface RevocationSet {
  readonly size: number;
  has(canonical: string): boolean;
}

/** What is kept between builds for one CA. */
export interface RevocationEntry {
  /** The list as given in the config the base set was built from. */
  readonly baseSource: readonly string[];
  readonly base: ReadonlySet<string>;
  /** Whether baseSource is sorted (so later lists can be diffed against it by a merge walk). */
  readonly baseSorted: boolean;
  /** The list of the latest config (equals baseSource when there is no delta). */
  readonly source: readonly string[];
  readonly set: RevocationSet;
}

const CANONICAL = /^(?:0|[1-9A-F][0-9A-F]*)$/;

function canonical(serial: string): string {
  return CANONICAL.test(serial) ? serial : canonicalSerial(serial);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! > list[i]!) return false;
  return true;
}

function fullBuild(source: readonly string[]): RevocationEntry {
  const base = new Set<string>();
  for (const serial of source) base.add(canonical(serial));
  return { baseSource: source, base, baseSorted: isSorted(source), source, set: base };
}

/**
 * Differences between a sorted list and a new one, in one merge walk that also checks that the
 * new list is sorted; undefined when it is not, or when the changes exceed `limit`.
 */
function sortedDelta(
  from: readonly string[],
  to: readonly string[],
  limit: number,
): { added: string[]; removed: string[] } | undefined {
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const a = from[i];
    const b = to[j];
    if (b !== undefined && j > 0 && to[j - 1]! > b) return undefined;
    if (a !== undefined && a === b) {
      i++;
      j++;
      continue;
    }
    if (b === undefined || (a !== undefined && a < b)) {
      removed.push(a!);
      i++;
    } else {
      added.push(b);
      j++;
    }
    if (added.length + removed.length > limit) return undefined;
  }
  return { added, removed };
}

/** Builds (or reuses, or patches) the set of one CA. */
export function revocationEntry(
  source: readonly string[],
  previous: RevocationEntry | undefined,
): RevocationEntry {
  if (previous === undefined) return fullBuild(source);
  if (previous.source === source) return previous;
  if (previous.baseSource.length < 4096 || !previous.baseSorted) {
    return sameList(previous.source, source) ? previous : fullBuild(source);
  }
  const delta = sortedDelta(previous.baseSource, source, Math.max(1024, previous.baseSource.length >> 5));
  if (delta === undefined) return fullBuild(source);
  const base = previous.base;
  if (delta.added.length === 0 && delta.removed.length === 0) {
    return { baseSource: previous.baseSource, base, baseSorted: true, source, set: base };
  }
  const added = new Set(delta.added.map(canonical));
  const removed = new Set(delta.removed.map(canonical));
  for (const serial of added) removed.delete(serial); // the same serial re-listed in another spelling
  const set: RevocationSet = {
    size: base.size + added.size - removed.size,
    has: (serial) => added.has(serial) || (base.has(serial) && !removed.has(serial)),
  };
  return { baseSource: previous.baseSource, base, baseSorted: true, source, set };
}
