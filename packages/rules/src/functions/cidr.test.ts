// cidr: documented examples, masks at every boundary, argument checks.
import { describe, expect, it } from 'vitest';
import { INT, IP, call, field, ip, literal, rejected } from '../test-support/function-args.js';
import { cidr } from './cidr.js';
import { formatIp } from './ip-text.js';
import type { IpValue } from './types.js';

const run = (address: string, v4: number, v6: number): string =>
  formatIp(call(cidr, [field(IP), literal(v4), literal(v6)], [ip(address), v4, v6]) as IpValue);

describe('cidr', () => {
  it('follows the documented examples', () => {
    expect(run('113.10.0.2', 24, 24)).toBe('113.10.0.0');
    expect(run('2001:0000:130F:0000:0000:09C0:876A:130B', 24, 24)).toBe('2001::');
  });

  it('clears host bits at any boundary', () => {
    expect(run('198.51.100.7', 16, 48)).toBe('198.51.0.0');
    expect(run('255.255.255.255', 1, 1)).toBe('128.0.0.0');
    expect(run('255.255.255.255', 31, 1)).toBe('255.255.255.254');
    expect(run('255.255.255.255', 32, 1)).toBe('255.255.255.255');
    expect(run('2001:db8:abcd:1234::1', 32, 50)).toBe('2001:db8:abcd::');
    expect(run('2001:db8:abcd:ffff::1', 32, 50)).toBe('2001:db8:abcd:c000::');
    expect(run('::ffff:c000:0201', 8, 128)).toBe('::ffff:192.0.2.1');
    expect(run('::ffff:c000:0201', 8, 120)).toBe('::ffff:192.0.2.0');
  });

  it('does not modify its input', () => {
    const address = ip('10.1.2.3');
    call(cidr, [field(IP), literal(8), literal(8)], [address, 8, 8]);
    expect(formatIp(address)).toBe('10.1.2.3');
  });

  it('refuses literal addresses, non-literal or out-of-range bits', () => {
    expect(rejected(cidr, [literal(ip('192.0.2.1')), literal(24), literal(64)]).message).toContain(
      'expected a field',
    );
    const bits = rejected(cidr, [field(IP), literal(33), literal(64)]);
    expect(bits.category).toBe('type');
    expect(bits.argIndex).toBe(1);
    expect(bits.message).toContain('between 1 and 32');
    expect(rejected(cidr, [field(IP), literal(0), literal(64)]).message).toContain('between 1 and 32');
    expect(rejected(cidr, [field(IP), literal(24), literal(129)]).message).toContain('between 1 and 128');
    expect(rejected(cidr, [field(IP), field(INT), literal(64)]).message).toContain('expected a literal');
    expect(rejected(cidr, [field(INT), literal(24), literal(64)]).message).toContain('expected Ip, got Int');
    expect(rejected(cidr, [field(IP), literal(24)]).message).toContain('invalid number of arguments');
  });

  it('is for custom rules only', () => {
    expect(cidr.phases).toEqual(['custom']);
  });
});
