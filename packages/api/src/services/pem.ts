// Small PEM helpers: split blocks, PEM → DER for downloads.
import { ApiError } from '../errors.js';

const block = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** One PEM block: its label and its full text. */
export interface PemBlock {
  label: string;
  text: string;
}

/** The PEM blocks in `text`, in order. */
export function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(block)].map((match) => ({ label: match[1]!, text: `${match[0]}\n` }));
}

/** The DER bytes of the first block labelled `label`. */
export function pemToDer(text: string, label: string): Uint8Array {
  const found = pemBlocks(text).find((b) => b.label === label);
  if (found === undefined) throw new ApiError('API_INTERNAL', `no ${label} block`);
  const body = found.text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}
