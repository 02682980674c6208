// Wildcard patterns (`wildcard`, `strict wildcard`, wildcard_replace): `*` matches any run of
// bytes; escapes `\*` and `\\` only; `**` is invalid; the whole value must match.

/** A parsed wildcard pattern: the literal segments between stars. */
export interface WildcardPattern {
  /** Literal runs; a star sits between each pair. `segments.length - 1` stars in all. */
  readonly segments: readonly string[];
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
  return { ok: true, pattern: Object.freeze({ segments: Object.freeze(segments) }) };
}

function foldEq(a: number, b: number): boolean {
  if (a === b) return true;
  const la = a >= 65 && a <= 90 ? a + 32 : a;
  const lb = b >= 65 && b <= 90 ? b + 32 : b;
  return la === lb;
}

function matchAt(s: string, at: number, seg: string, fold: boolean): boolean {
  if (at + seg.length > s.length) return false;
  if (!fold) return s.startsWith(seg, at);
  for (let k = 0; k < seg.length; k++) if (!foldEq(s.charCodeAt(at + k), seg.charCodeAt(k))) return false;
  return true;
}

function indexOfSeg(s: string, seg: string, from: number, fold: boolean): number {
  if (!fold) return s.indexOf(seg, from);
  for (let at = from; at + seg.length <= s.length; at++) if (matchAt(s, at, seg, fold)) return at;
  return -1;
}

/**
 * Finds the star captures of a whole-value match (leftmost, each star as short as possible), or
 * undefined when the value does not match. `fold` makes ASCII letters match either case.
 */
export function wildcardCaptures(p: WildcardPattern, s: string, fold: boolean): string[] | undefined {
  const segs = p.segments;
  const first = segs[0] ?? '';
  if (segs.length === 1)
    return (fold ? s.length === first.length && matchAt(s, 0, first, true) : s === first) ? [] : undefined;
  const last = segs[segs.length - 1] ?? '';
  if (s.length < first.length + last.length) return undefined;
  if (!matchAt(s, 0, first, fold)) return undefined;
  const tailAt = s.length - last.length;
  if (!matchAt(s, tailAt, last, fold)) return undefined;
  const captures: string[] = [];
  let pos = first.length;
  for (let k = 1; k < segs.length - 1; k++) {
    const seg = segs[k] ?? '';
    const at = indexOfSeg(s, seg, pos, fold);
    if (at < 0 || at + seg.length > tailAt) return undefined;
    captures.push(s.slice(pos, at));
    pos = at + seg.length;
  }
  captures.push(s.slice(pos, tailAt));
  return captures;
}

/** Builds a whole-value matcher for a parsed pattern. */
export function wildcardMatcher(p: WildcardPattern, fold: boolean): (s: string) => boolean {
  const segs = p.segments;
  const first = segs[0] ?? '';
  if (segs.length === 1)
    return fold ? (s) => s.length === first.length && matchAt(s, 0, first, true) : (s) => s === first;
  const last = segs[segs.length - 1] ?? '';
  if (segs.length === 2 && !fold) {
    const min = first.length + last.length;
    return (s) => s.length >= min && s.startsWith(first) && s.endsWith(last);
  }
  return (s) => wildcardCaptures(p, s, fold) !== undefined;
}
