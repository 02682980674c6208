import { describe, expect, it } from 'vitest';
import { highlightPieces } from './highlight';

describe('highlightPieces', () => {
  it('marks a span and keeps the text around it', () => {
    expect(highlightPieces('http.host eq 5', [[13, 14]])).toEqual([
      { text: 'http.host eq ', marked: false },
      { text: '5', marked: true, diagnostic: 0 },
    ]);
  });

  it('marks the character at an empty span, or a placeholder at the end', () => {
    expect(highlightPieces('ab', [[1, 1]])).toEqual([
      { text: 'a', marked: false },
      { text: 'b', marked: true, diagnostic: 0 },
    ]);
    expect(highlightPieces('ab', [[2, 2]])).toEqual([
      { text: 'ab', marked: false },
      { text: '\u00a0', marked: true, diagnostic: 0 },
    ]);
  });

  it('orders spans, clamps them to the text and never duplicates text', () => {
    const pieces = highlightPieces('abcdef', [
      [4, 99],
      [0, 2],
      [1, 3],
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('abcdef');
    expect(pieces.filter((p) => p.marked).map((p) => p.text)).toEqual(['ab', 'c', 'ef']);
  });
});
