// IP literals: strict parsing, canonical printing, CIDR ranges.
import { describe, expect, it } from 'vitest';
import { cidrRange, formatIp, parseIp } from './ip.js';

describe('IP literals', () => {
  it('parses strictly and prints canonically', () => {
    const cases: [string, string | undefined][] = [
      ['192.0.2.1', '192.0.2.1'],
      ['192.0.2.01', undefined],
      ['256.0.0.1', undefined],
      ['1.2.3', undefined],
      ['2001:0DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['::', '::'],
      ['::ffff:1.2.3.4', '::ffff:102:304'],
      ['1::2::3', undefined],
      ['1:2:3:4:5:6:7:8:9', undefined],
      ['fe80::1%eth0', undefined],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ];
    for (const [input, expected] of cases) {
      const ip = parseIp(input);
      expect(ip === undefined ? undefined : formatIp(ip)).toBe(expected);
    }
    expect(parseIp('::ffff:1.2.3.4')?.family).toBe(6);
  });

  it('computes CIDR ranges and refuses host bits', () => {
    const r = cidrRange(parseIp('10.1.0.0')!, 16);
    expect(r && [formatIp(r.from), formatIp(r.to)]).toEqual(['10.1.0.0', '10.1.255.255']);
    expect(cidrRange(parseIp('10.1.0.1')!, 16)).toBeUndefined();
    expect(cidrRange(parseIp('10.1.0.0')!, 33)).toBeUndefined();
    const v6 = cidrRange(parseIp('2001:db8::')!, 32);
    expect(v6 && formatIp(v6.to)).toBe('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff');
  });
});
