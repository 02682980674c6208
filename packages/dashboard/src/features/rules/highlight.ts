// Splits an expression into plain and marked pieces so diagnostic spans can be underlined.

export interface Piece {
  text: string;
  marked: boolean;
  /** Index of the diagnostic that marks this piece, for its title. */
  diagnostic?: number;
}

/** Pieces of `text` with each span `[start, end)` marked; an empty span marks one placeholder space. */
export function highlightPieces(text: string, spans: readonly (readonly [number, number])[]): Piece[] {
  const ordered = spans
    .map((span, index) => ({ start: clamp(span[0], text), end: clamp(span[1], text), index }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const pieces: Piece[] = [];
  let at = 0;
  for (const span of ordered) {
    const start = Math.max(span.start, at);
    const end = Math.max(span.end, start);
    if (start > at) pieces.push({ text: text.slice(at, start), marked: false });
    if (end === start) {
      // Nothing to underline (e.g. "unexpected end of input"): mark the spot itself.
      const next = text[start];
      if (next !== undefined && next !== '\n') {
        pieces.push({ text: next, marked: true, diagnostic: span.index });
        at = start + 1;
      } else {
        pieces.push({ text: '\u00a0', marked: true, diagnostic: span.index });
        at = start;
      }
      continue;
    }
    pieces.push({ text: text.slice(start, end), marked: true, diagnostic: span.index });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}

function clamp(offset: number, text: string): number {
  return Math.max(0, Math.min(offset, text.length));
}
