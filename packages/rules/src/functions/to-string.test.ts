// to_string: integers, booleans, IPv4 and RFC 5952 IPv6 text, argument checks.
import { describe, expect, it } from 'vitest';
import { BOOL, BYTES, INT, IP, call, field, ip, literal, rejected } from '../test-support/function-args.js';
import { formatIp } from './ip-text.js';
import { toString } from './to-string.js';

describe('to_string', () => {
  it('formats integers, booleans and IP addresses', () => {
    expect(call(toString, [field(INT)], [443])).toBe('443');
    expect(call(toString, [field(INT)], [-7])).toBe('-7');
    expect(call(toString, [field(BOOL)], [true])).toBe('true');
    expect(call(toString, [field(BOOL)], [false])).toBe('false');
    expect(call(toString, [field(IP)], [ip('192.0.2.10')])).toBe('192.0.2.10');
    expect(call(toString, [literal(5)], [5])).toBe('5');
  });

  it('writes IPv6 in RFC 5952 form', () => {
    expect(formatIp(ip('2001:0db8:0000:0000:0000:0000:0000:0001'))).toBe('2001:db8::1');
    expect(formatIp(ip('::'))).toBe('::');
    expect(formatIp(ip('::1'))).toBe('::1');
    expect(formatIp(ip('2001:db8:0:1:1:1:1:1'))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIp(ip('2001:0:0:1:0:0:0:1'))).toBe('2001:0:0:1::1');
    expect(formatIp(ip('2001:db8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(formatIp(ip('::ffff:c000:020a'))).toBe('::ffff:192.0.2.10');
    expect(formatIp(ip('fe80::abcd:0:0:0'))).toBe('fe80::abcd:0:0:0');
    expect(formatIp(ip('fe80:0:0:1:abcd:0:0:0'))).toBe('fe80:0:0:1:abcd::');
  });

  it('refuses Bytes and wrong counts; transform phase only', () => {
    expect(rejected(toString, [field(BYTES)]).message).toContain('expected Int or Bool or Ip, got Bytes');
    expect(rejected(toString, []).category).toBe('type');
    expect(toString.phases).toEqual(['transform']);
  });

  it('returns missing for a missing value', () => {
    expect(call(toString, [field(INT)], [undefined])).toBeUndefined();
  });
});
