import { describe, expect, it } from 'vitest';
import { parseRoute } from './use-hash-route';

describe('parseRoute', () => {
  it('reads a zone page and falls back to the zone list', () => {
    expect(parseRoute('#/zones/abc123')).toEqual({ page: 'zone', zoneId: 'abc123' });
    expect(parseRoute('#/zones/a%2Fb/')).toEqual({ page: 'zone', zoneId: 'a/b' });
    expect(parseRoute('#/tokens')).toEqual({ page: 'tokens' });
    expect(parseRoute('')).toEqual({ page: 'zones' });
    expect(parseRoute('#/elsewhere')).toEqual({ page: 'zones' });
  });
});
