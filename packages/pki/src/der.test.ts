// DER framing reader and writer: agree with asn1js, strict about non-DER, never out of bounds (property).
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChildren, readTlv } from './der-reader.js';
import { derLength, derTimeSize, tlv, tlvSize, writeDerTime, writeHeader } from './der-writer.js';
import { timeNode } from './x509-build.js';

describe('der-writer', () => {
  it.each([0, 1, 127, 128, 255, 256, 65535, 65536, 16_777_215, 16_777_216, 41_000_000])(
    'frames %i content octets exactly as asn1js does',
    (length) => {
      const content = new Uint8Array(length);
      const ours = tlv(0x04, content);
      const theirs = new Uint8Array(new asn1js.OctetString({ valueHex: content }).toBER());
      expect(ours.length).toBe(theirs.length);
      expect(Buffer.from(ours.subarray(0, 8)).equals(Buffer.from(theirs.subarray(0, 8)))).toBe(true);
      expect(tlvSize(length)).toBe(ours.length);
      const header = new Uint8Array(8);
      expect(writeHeader(header, 0, 0x04, length)).toBe(1 + derLength(length).length);
    },
  );
});

describe('writeDerTime', () => {
  it('writes exactly what asn1js writes, UTCTime for 1950–2049 and GeneralizedTime outside (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('0001-01-01T00:00:00Z') / 1000,
          max: Date.parse('9999-12-31T23:59:59Z') / 1000,
        }),
        (seconds) => {
          const ms = seconds * 1000;
          const ours = new Uint8Array(derTimeSize(ms));
          expect(writeDerTime(ours, 0, ms)).toBe(ours.length);
          const theirs = new Uint8Array(timeNode(new Date(ms)).toBER());
          expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
        },
      ),
      { numRuns: 3000 },
    );
    for (const iso of [
      '1949-12-31T23:59:59Z',
      '1950-01-01T00:00:00Z',
      '2049-12-31T23:59:59Z',
      '2050-01-01T00:00:00Z',
      '2000-02-29T12:00:00Z',
    ]) {
      const ms = Date.parse(iso);
      const ours = new Uint8Array(derTimeSize(ms));
      writeDerTime(ours, 0, ms);
      expect(Buffer.from(ours).equals(Buffer.from(timeNode(new Date(ms)).toBER()))).toBe(true);
    }
  });
});

describe('der-reader', () => {
  it('reads what asn1js writes', () => {
    const der = new Uint8Array(
      new asn1js.Sequence({
        value: [new asn1js.Integer({ value: 5 }), new asn1js.OctetString({ valueHex: new Uint8Array(300) })],
      }).toBER(),
    );
    const root = readTlv(der, 0, der.length, 'x');
    expect(root).toMatchObject({ tag: 0x30, start: 0, end: der.length });
    const [int, octets] = readChildren(der, root, 'x');
    expect(int).toMatchObject({ tag: 0x02, contentStart: int!.start + 2, end: int!.start + 3 });
    expect(octets!.end - octets!.contentStart).toBe(300);
  });

  it.each([
    ['truncated header', [0x30]],
    ['length past the end', [0x30, 0x05, 0x02, 0x01]],
    ['indefinite length', [0x30, 0x80, 0x00, 0x00]],
    ['non-minimal length', [0x04, 0x81, 0x05, 1, 2, 3, 4, 5]],
    ['leading zero length octet', [0x04, 0x82, 0x00, 0x85, ...new Array(0x85).fill(0)]],
    ['huge length', [0x04, 0x85, 1, 0, 0, 0, 0]],
    ['multi-octet tag', [0x1f, 0x81, 0x01, 0x00]],
  ])('refuses %s with PKI_DER_INVALID', (_name, bytes) => {
    const der = Uint8Array.from(bytes);
    expect(() => readTlv(der, 0, der.length, 'x')).toThrow(
      expect.objectContaining({ code: 'PKI_DER_INVALID' }),
    );
  });

  it('never reads out of bounds or throws anything but PkiError (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const root = readTlv(bytes, 0, bytes.length, 'x');
          expect(root.end).toBeLessThanOrEqual(bytes.length);
          if (root.tag & 0x20)
            for (const child of readChildren(bytes, root, 'x'))
              expect(child.end).toBeLessThanOrEqual(root.end);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('PKI_DER_INVALID');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
