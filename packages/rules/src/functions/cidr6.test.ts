// cidr6: documented examples, IPv4 unchanged, argument checks.
import { describe, expect, it } from 'vitest';
import { IP, call, field, ip, literal, rejected } from '../test-support/function-args.js';
import { cidr6 } from './cidr6.js';
import { formatIp } from './ip-text.js';
import type { IpValue } from './types.js';

const run = (address: string, bits: number): string =>
  formatIp(call(cidr6, [field(IP), literal(bits)], [ip(address), bits]) as IpValue);

describe('cidr6', () => {
  it('follows the documented examples', () => {
    expect(run('2001:0000:130F:0000:0000:09C0:876A:130B', 24)).toBe('2001::');
    expect(run('113.10.0.2', 24)).toBe('113.10.0.2');
  });

  it('masks IPv6 only', () => {
    expect(run('2001:db8::ffff', 120)).toBe('2001:db8::ff00');
    expect(run('2001:db8::ffff', 128)).toBe('2001:db8::ffff');
  });

  it('checks its arguments', () => {
    expect(rejected(cidr6, [field(IP), literal(0)]).message).toContain('between 1 and 128');
    expect(rejected(cidr6, [literal(ip('::1')), literal(64)]).message).toContain('expected a field');
    expect(rejected(cidr6, [field(IP)]).category).toBe('type');
    expect(cidr6.phases).toEqual(['custom']);
  });
});
