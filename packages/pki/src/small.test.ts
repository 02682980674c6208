// Small formats: serials, OpenSSL times, PEM, RFC 9440 limits, subjects and SPKI descriptions.
import { describe, expect, it } from 'vitest';
import { decodePemBlocks, encodePem, toDer } from './pem.js';
import { integerValue, normaliseSerialHex, randomSerial, serialToDecimal, serialToHex } from './serial.js';
import { formatOpensslTime, parseDerTime } from './time.js';
import { rfc9440Chain, rfc9440Leaf } from './rfc9440.js';
import { parseSlashSubject, subjectAttributes } from './subject.js';

describe('serial formats', () => {
  it.each([
    [[0x00], '00', '0'],
    [[0x01], '01', '1'],
    [[0x00, 0x80], '80', '128'],
    [[0x7f, 0xff], '7FFF', '32767'],
    [[0x0a, 0x1b], '0A1B', '2587'],
    [[0xff], '-01', '-1'],
    [[0x80], '-80', '-128'],
  ])('content %j prints as %s (hex) and %s (decimal), like openssl', (bytes, hex, decimal) => {
    expect(serialToHex(Uint8Array.from(bytes))).toBe(hex);
    expect(serialToDecimal(Uint8Array.from(bytes))).toBe(decimal);
  });

  it('draws positive 20-octet serials from the random source', () => {
    const serial = randomSerial(() => new Uint8Array(20).fill(0xff));
    expect(serial[0]).toBe(0x7f);
    expect(randomSerial(() => new Uint8Array(20))[0]).toBe(0x01);
    expect(integerValue(randomSerial()) > 0n).toBe(true);
  });

  it('normalises user serials', () => {
    expect(normaliseSerialHex('0a:1b')).toBe('0A1B');
    expect(normaliseSerialHex('0x00abc')).toBe('0ABC');
    expect(normaliseSerialHex('  00  ')).toBe('00');
    expect(normaliseSerialHex('xyz')).toBeNull();
    expect(normaliseSerialHex('')).toBeNull();
  });
});

describe('time formats', () => {
  it('prints like ASN1_TIME_print, the day padded with a space', () => {
    expect(formatOpensslTime(new Date('2022-03-21T13:35:00Z'))).toBe('Mar 21 13:35:00 2022 GMT');
    expect(formatOpensslTime(new Date('2023-01-05T03:04:09Z'))).toBe('Jan  5 03:04:09 2023 GMT');
  });

  it('reads DER times strictly', () => {
    const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
    expect(parseDerTime(0x17, bytes('220321133500Z'))?.toISOString()).toBe('2022-03-21T13:35:00.000Z');
    expect(parseDerTime(0x17, bytes('991231235959Z'))?.toISOString()).toBe('1999-12-31T23:59:59.000Z');
    expect(parseDerTime(0x18, bytes('20501231235959Z'))?.toISOString()).toBe('2050-12-31T23:59:59.000Z');
    for (const bad of ['2203211335Z', '220230000000Z', '221321000000Z', '220321133500+0100', '22032113350aZ'])
      expect(parseDerTime(0x17, bytes(bad))).toBeNull();
    expect(parseDerTime(0x04, bytes('220321133500Z'))).toBeNull();
  });
});

describe('pem', () => {
  it('round-trips and ignores text around blocks', () => {
    const der = new Uint8Array(100).map((_, i) => i);
    const pem = encodePem('CERTIFICATE', der);
    expect(pem.split('\n')[1]).toHaveLength(64);
    const [block] = decodePemBlocks(`subject=CN=x\r\n${pem.replace(/\n/g, '\r\n')}trailer`, 10_000, 'x');
    expect(block?.label).toBe('CERTIFICATE');
    expect(Buffer.from(block!.der).equals(Buffer.from(der))).toBe(true);
  });

  it('refuses encrypted PEM, mismatched labels, bad base64 and oversize input', () => {
    const body = Buffer.from('hello world!').toString('base64');
    expect(() =>
      decodePemBlocks(
        `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n${body}\n-----END RSA PRIVATE KEY-----`,
        1e4,
        'x',
      ),
    ).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() =>
      decodePemBlocks(`-----BEGIN CERTIFICATE-----\n${body}\n-----END X509 CRL-----`, 1e4, 'x'),
    ).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() =>
      decodePemBlocks(`-----BEGIN CERTIFICATE-----\n${body.slice(1)}\n-----END CERTIFICATE-----`, 1e4, 'x'),
    ).toThrow(expect.objectContaining({ code: 'PKI_PEM_INVALID' }));
    expect(() => decodePemBlocks('x'.repeat(20), 10, 'x')).toThrow(
      expect.objectContaining({ code: 'PKI_TOO_LARGE' }),
    );
    expect(() => toDer(new Uint8Array(11), ['CERTIFICATE'], 10, 'x')).toThrow(
      expect.objectContaining({ code: 'PKI_TOO_LARGE' }),
    );
    expect(() => decodePemBlocks(42 as unknown as string, 10, 'x')).toThrow(
      expect.objectContaining({ code: 'PKI_PEM_INVALID' }),
    );
  });
});

describe('rfc9440', () => {
  it('encodes byte sequences and applies the limits on the encoded length', () => {
    expect(rfc9440Leaf(Uint8Array.of(1, 2, 3))).toEqual({ value: ':AQID:', tooLarge: false });
    expect(rfc9440Leaf(new Uint8Array(7677)).value).toHaveLength(10238); // 2559 × 4 base64 + 2 colons
    expect(rfc9440Leaf(new Uint8Array(7677)).tooLarge).toBe(false);
    expect(rfc9440Leaf(new Uint8Array(7680))).toEqual({ value: '', tooLarge: true }); // 10242 > 10240
    expect(rfc9440Chain([Uint8Array.of(1), Uint8Array.of(2)]).value).toBe(':AQ==:, :Ag==:');
    expect(rfc9440Chain([]).value).toBe('');
    expect(rfc9440Chain([new Uint8Array(6000), new Uint8Array(6300)])).toEqual({ value: '', tooLarge: true });
  });
});

describe('subjects', () => {
  it('parses OpenSSL -subj strings with escapes', () => {
    expect(parseSlashSubject('/CN=a\\/b/O=Acme\\, Inc\\+x')).toEqual([
      { type: 'CN', value: 'a/b' },
      { type: 'O', value: 'Acme, Inc+x' },
    ]);
    expect(() => parseSlashSubject('/CN=a+OU=b')).toThrow(
      expect.objectContaining({ code: 'PKI_INVALID_ARGUMENT' }),
    );
    expect(() => parseSlashSubject('/CN')).toThrow(expect.objectContaining({ code: 'PKI_INVALID_ARGUMENT' }));
    expect(() => subjectAttributes('/CN=' + 'x'.repeat(65))).toThrow(
      expect.objectContaining({ code: 'PKI_INVALID_ARGUMENT' }),
    );
    expect(() => subjectAttributes('/emailAddress=jö@example.com')).toThrow(
      expect.objectContaining({ code: 'PKI_INVALID_ARGUMENT' }),
    );
    expect(subjectAttributes({ common_name: 'x', organization: '' })).toEqual([{ type: 'CN', value: 'x' }]);
  });
});

describe('describeSpki', () => {
  it('agrees with Node for every key type we make, and for odd RSA sizes', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { describeSpki, describePublicKey } = await import('./keys.js');
    const keys = [
      generateKeyPairSync('ec', { namedCurve: 'P-256' }),
      generateKeyPairSync('ec', { namedCurve: 'P-384' }),
      generateKeyPairSync('ec', { namedCurve: 'P-521' }),
      generateKeyPairSync('rsa', { modulusLength: 2048 }),
      generateKeyPairSync('rsa', { modulusLength: 2047 }),
      generateKeyPairSync('rsa', { modulusLength: 1024 }),
    ];
    for (const { publicKey } of keys) {
      const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
      expect(describeSpki(spki)).toEqual(describePublicKey(spki));
    }
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(() => describeSpki(new Uint8Array(k1))).toThrow(
      expect.objectContaining({ code: 'PKI_KEY_UNSUPPORTED' }),
    );
  });
});
