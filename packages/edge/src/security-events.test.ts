// Security event helpers.
import { describe, expect, it } from 'vitest';
import { isoTime } from './security-events.js';

describe('isoTime', () => {
  it('formats like Date.toISOString, across seconds and in any order', () => {
    const base = Date.UTC(2026, 10, 30, 10, 59, 59);
    for (const ms of [
      base,
      base + 1,
      base + 9,
      base + 10,
      base + 99,
      base + 100,
      base + 999,
      base + 1000,
      base - 1,
      0,
      base + 5,
    ]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it('falls back to Date for years beyond 9999 and fractional times', () => {
    const far = Date.UTC(12000, 0, 1, 0, 0, 0, 5);
    expect(isoTime(far)).toBe(new Date(far).toISOString());
    expect(isoTime(1500)).toBe(new Date(1500).toISOString());
    expect(isoTime(1500.5)).toBe(new Date(1500.5).toISOString());
  });
});
