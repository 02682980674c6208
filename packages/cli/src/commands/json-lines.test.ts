// readLineBatches: line splitting, UTF-8 across chunks, encoding errors, the line size cap.
import { describe, expect, it } from 'vitest';
import { readLineBatches, type InputLine } from './json-lines.js';

async function* chunksOf(...chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

async function collect(chunks: AsyncIterable<Uint8Array>, max?: number): Promise<InputLine[][]> {
  const batches: InputLine[][] = [];
  for await (const batch of readLineBatches(chunks, max)) batches.push(batch);
  return batches;
}

describe('readLineBatches', () => {
  it('splits LF and CRLF lines, one batch per chunk, and keeps a final unterminated line', async () => {
    const batches = await collect(chunksOf('a\r\nb\n', 'c', 'd\ne'));
    expect(batches).toEqual([
      [
        { number: 1, text: 'a' },
        { number: 2, text: 'b' },
      ],
      [{ number: 3, text: 'cd' }],
      [{ number: 4, text: 'e' }],
    ]);
  });

  it('joins multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('é☁\n', 'utf8');
    const batches = await collect(chunksOf(bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)));
    expect(batches.flat()).toEqual([{ number: 1, text: 'é☁' }]);
  });

  it('reports invalid UTF-8 and drops a leading byte-order mark', async () => {
    const batches = await collect(chunksOf(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xff, 0x0a])));
    expect(batches.flat()).toEqual([
      { number: 1, text: 'a' },
      { number: 2, problem: 'encoding', message: 'not valid UTF-8' },
    ]);
  });

  it('reports an over-long line once and carries on with the next', async () => {
    const batches = await collect(chunksOf('x'.repeat(6), 'y'.repeat(6), '\nok\n', '1234567890\r\n'), 10);
    expect(batches.flat()).toEqual([
      { number: 1, problem: 'too_long', message: 'longer than 10 bytes' },
      { number: 2, text: 'ok' },
      { number: 3, text: '1234567890' },
    ]);
    const tail = await collect(chunksOf('z'.repeat(20)), 10);
    expect(tail.flat()).toEqual([{ number: 1, problem: 'too_long', message: 'longer than 10 bytes' }]);
  });

  it('yields nothing for empty input and keeps empty lines (numbered)', async () => {
    expect(await collect(chunksOf())).toEqual([]);
    expect((await collect(chunksOf('\n\nx\n'))).flat()).toEqual([
      { number: 1, text: '' },
      { number: 2, text: '' },
      { number: 3, text: 'x' },
    ]);
  });
});
