// Streaming JSON-lines input: splits a byte stream into UTF-8 lines with a per-line size cap, never buffering it all.

/** One input line: its text, or why it could not be read. `number` counts from 1. */
export type InputLine =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly problem: 'too_long' | 'encoding'; readonly message: string };

/** Longest line accepted (bytes, newline excluded); longer lines are reported and skipped. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Yields the lines of `chunks` in batches, one batch per input chunk that completes at least one
 * line, so a caller can answer a whole chunk at once yet never waits on input it does not need.
 * Lines end with CRLF or LF; a final line without newline counts. A line over
 * `maxLineBytes` is reported once and its bytes dropped up to the next newline. Bytes are decoded
 * as strict UTF-8; a UTF-8 byte-order mark on the first line is dropped.
 */
export async function* readLineBatches(
  chunks: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<InputLine[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let overflow = false;
  let number = 0;

  const finish = (): InputLine => {
    number++;
    if (overflow) {
      overflow = false;
      return { number, problem: 'too_long', message: `longer than ${maxLineBytes} bytes` };
    }
    let bytes = parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts, size);
    parts = [];
    size = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length > maxLineBytes) {
      return { number, problem: 'too_long', message: `longer than ${maxLineBytes} bytes` };
    }
    if (number === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    try {
      return { number, text: decoder.decode(bytes) };
    } catch {
      return { number, problem: 'encoding', message: 'not valid UTF-8' };
    }
  };

  const append = (piece: Uint8Array): void => {
    if (overflow || piece.length === 0) return;
    if (size + piece.length > maxLineBytes + 1) {
      // +1 leaves room for a CR that belongs to a CRLF ending.
      overflow = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };

  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    let start = 0;
    const batch: InputLine[] = [];
    for (;;) {
      const end = bytes.indexOf(NEWLINE, start);
      if (end < 0) break;
      append(bytes.subarray(start, end));
      batch.push(finish());
      start = end + 1;
    }
    // Copy the tail: the stream may reuse its buffer for the next chunk.
    if (start < bytes.length) append(bytes.slice(start));
    if (batch.length > 0) yield batch;
  }
  if (size > 0 || overflow) yield [finish()];
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
