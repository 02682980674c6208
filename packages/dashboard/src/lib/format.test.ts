import { describe, expect, it } from 'vitest';
import { daysUntil, formatTime, relativeDays, serialToHex, toRuleHex } from './format';

describe('format', () => {
  it('turns the API decimal serial into the rules hex serial', () => {
    expect(serialToHex('133270673305904147240315902291726509220894288063')).toBe(
      '1758104D00E0F1F8D0FDE73C3F4804908EDF28BF',
    );
    expect(serialToHex('255')).toBe('FF');
    expect(serialToHex('4095')).toBe('0FFF');
    expect(serialToHex('not a number')).toBe('');
  });

  it('writes SKIs as the rules compare them', () => {
    expect(toRuleHex('eb:2a:48:a1')).toBe('EB2A48A1');
  });

  it('formats times in UTC without milliseconds', () => {
    expect(formatTime('2030-09-26T02:41:00.000Z')).toBe('2030-09-26 02:41:00Z');
    expect(formatTime(null)).toBe('—');
  });
});

describe('expiry', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  it('counts whole days to an expiry', () => {
    expect(daysUntil('2026-01-20T12:00:00Z', now)).toBe(10);
    expect(daysUntil('2026-01-10T18:00:00Z', now)).toBe(0);
    expect(daysUntil('2026-01-08T12:00:00Z', now)).toBe(-2);
    expect(daysUntil(null, now)).toBeNull();
  });
  it('says it in words', () => {
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(1)).toBe('in 1 day');
    expect(relativeDays(-3)).toBe('3 days ago');
  });
});
