// Wildcard patterns (`wildcard`, `strict wildcard`, wildcard_replace): `*` matches any run of
// bytes; escapes `\*` and `\\` only; `**` is invalid; the whole value must match.
import { asciiLower } from '../bytes.js';

/** A parsed wildcard pattern: the literal segments between stars. */
export interface WildcardPattern {
  /** Literal runs; a star sits between each pair. `segments.length - 1` stars in all. */
  readonly segments: readonly string[];
  /** The same runs with ASCII letters lower-cased, for case-insensitive matching. */
  readonly lowered: readonly string[];
}

/** The outcome of parsing a wildcard pattern. */
export type WildcardResult =
  { readonly ok: true; readonly pattern: WildcardPattern } | { readonly ok: false; readonly message: string };

/** Parses a wildcard pattern given as bytes (a binary string). */
export function parseWildcard(pattern: string): WildcardResult {
  const segments: string[] = [];
  let current = '';
  let lastWasStar = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) return { ok: false, message: 'wildcard ends with an unescaped backslash' };
      if (e !== '*' && e !== '\\')
        return { ok: false, message: `invalid escape \\${e} in wildcard; only \\* and \\\\ are allowed` };
      current += e;
      i++;
      lastWasStar = false;
      continue;
    }
    if (c === '*') {
      if (lastWasStar) return { ok: false, message: 'wildcard contains a double star' };
      segments.push(current);
      current = '';
      lastWasStar = true;
      continue;
    }
    current += c;
    lastWasStar = false;
  }
  segments.push(current);
  return {
    ok: true,
    pattern: Object.freeze({
      segments: Object.freeze(segments),
      lowered: Object.freeze(segments.map(asciiLower)),
    }),
  };
}

/**
 * Finds the star captures of a whole-value match (leftmost, each star as short as possible), or
 * undefined when the value does not match. `fold` makes ASCII letters match either case. Runs in
 * linear time per segment (native substring search over an ASCII-lower-cased copy when folding).
 */
export function wildcardCaptures(p: WildcardPattern, s: string, fold: boolean): string[] | undefined {
  const segs = fold ? p.lowered : p.segments;
  const hay = fold ? asciiLower(s) : s;
  const first = segs[0] ?? '';
  if (segs.length === 1) return hay === first ? [] : undefined;
  const last = segs[segs.length - 1] ?? '';
  if (hay.length < first.length + last.length) return undefined;
  if (!hay.startsWith(first)) return undefined;
  const tailAt = hay.length - last.length;
  if (!hay.endsWith(last)) return undefined;
  const captures: string[] = [];
  let pos = first.length;
  for (let k = 1; k < segs.length - 1; k++) {
    const seg = segs[k] ?? '';
    const at = hay.indexOf(seg, pos);
    if (at < 0 || at + seg.length > tailAt) return undefined;
    captures.push(s.slice(pos, at));
    pos = at + seg.length;
  }
  captures.push(s.slice(pos, tailAt));
  return captures;
}

/** Builds a whole-value matcher for a parsed pattern. */
export function wildcardMatcher(p: WildcardPattern, fold: boolean): (s: string) => boolean {
  const segs = fold ? p.lowered : p.segments;
  const first = segs[0] ?? '';
  if (segs.length === 1)
    return fold ? (s) => s.length === first.length && asciiLower(s) === first : (s) => s === first;
  const last = segs[segs.length - 1] ?? '';
  if (segs.length === 2) {
    const min = first.length + last.length;
    if (!fold) return (s) => s.length >= min && s.startsWith(first) && s.endsWith(last);
    return (s) => {
      if (s.length < min) return false;
      const h = asciiLower(s);
      return h.startsWith(first) && h.endsWith(last);
    };
  }
  return (s) => wildcardCaptures(p, s, fold) !== undefined;
}
