import { describe, expect, it } from 'vitest';
import { normaliseHost, normalisePath, normaliseTarget } from './normalise-url.js';

describe('normalisePath (Cloudflare default URL normalisation)', () => {
  it.each([
    ['/admin', '/admin'],
    ['/./admin', '/admin'],
    ['//admin', '/admin'],
    ['/%61dmin', '/admin'],
    ['/%2e%2e/admin', '/admin'],
    ['/a/b/../../admin', '/admin'],
    ['/a/./b/.', '/a/b/'],
    ['/a/..', '/'],
    ['/..', '/'],
    ['\\admin\\x', '/admin/x'],
    ['/%68ello//pa\\th', '/hello/pa/th'],
    ['/a%2fb', '/a%2Fb'],
    ['/%7euser', '/~user'],
    ['/sp ace', '/sp%20ace'],
    ['/caf\u00e9', '/caf%E9'],
    ['/a%3Fb', '/a%3Fb'],
    ['', '/'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });

  it('refuses malformed percent-encoding', () => {
    expect(normalisePath('/%zz')).toBeUndefined();
    expect(normalisePath('/%4')).toBeUndefined();
  });

  it('is idempotent', () => {
    for (const p of ['/a//b/../c/%41%2f', '/x/./y/', '/%2e./z']) {
      const once = normalisePath(p)!;
      expect(normalisePath(once)).toBe(once);
    }
  });
});

describe('normaliseTarget', () => {
  it('splits the query and keeps it', () => {
    expect(normaliseTarget('/a/./b?x=1&y=%41')).toEqual({
      path: '/a/b',
      query: 'x=1&y=%41',
      hasQuery: true,
      authority: undefined,
    });
    expect(normaliseTarget('/a?')).toMatchObject({ path: '/a', query: '', hasQuery: true });
  });

  it('takes path and host from an absolute-form target', () => {
    expect(normaliseTarget('https://API.Example.Test.:443/%61dmin?q')).toEqual({
      path: '/admin',
      query: 'q',
      hasQuery: true,
      authority: 'api.example.test',
    });
    expect(normaliseTarget('http://api.example.test')).toMatchObject({
      path: '/',
      authority: 'api.example.test',
    });
  });

  it('refuses other forms', () => {
    expect(normaliseTarget('ftp://x/y')).toBeUndefined();
    expect(normaliseTarget('https://user@host/')).toBeUndefined();
    expect(normaliseTarget('host:443')).toBeUndefined();
    expect(normaliseTarget('*')).toBeUndefined();
    expect(normaliseTarget('')).toBeUndefined();
  });
});

describe('normaliseHost', () => {
  it.each([
    ['api.example.test', 'api.example.test'],
    ['API.Example.TEST', 'api.example.test'],
    ['api.example.test.', 'api.example.test'],
    ['api.example.test:8443', 'api.example.test'],
    ['API.example.test.:443', 'api.example.test'],
    ['[::1]:443', '[::1]'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s → %s', (input, expected) => expect(normaliseHost(input)).toBe(expected));

  it.each(['', 'a b', 'a..b', 'x:port', 'evil.test/a', '[::1', 'a\r\nb', '.'])('refuses %j', (input) => {
    expect(normaliseHost(input)).toBeUndefined();
  });
});
