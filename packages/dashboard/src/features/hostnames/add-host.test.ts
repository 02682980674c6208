import { describe, expect, it } from 'vitest';
import { qualifyHostname } from './add-host';

describe('qualifyHostname', () => {
  it('appends the zone to a bare label, as Cloudflare does', () => {
    expect(qualifyHostname('api', 'example.com')).toBe('api.example.com');
  });
  it('keeps full names, lower-cases them and drops a trailing dot', () => {
    expect(qualifyHostname('API.Example.com.', 'example.com')).toBe('api.example.com');
    expect(qualifyHostname('example.com', 'example.com')).toBe('example.com');
  });
});
