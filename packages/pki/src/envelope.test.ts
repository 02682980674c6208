// sealSecret / openSecret: round trip, fresh IVs, and refusal of other keys, tampering and malformed envelopes.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { envelopeKeyId, masterKeyId, openSecret, sealSecret } from './envelope.js';

const key = new Uint8Array(randomBytes(32));

describe('envelope', () => {
  it('seals and opens, with a fresh IV each time and the key id in clear', () => {
    const secret = '-----BEGIN PRIVATE KEY-----\nMIG…\n-----END PRIVATE KEY-----\n';
    const a = sealSecret(key, secret);
    const b = sealSecret(key, secret);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pcenv1\.[0-9a-f]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('PRIVATE');
    expect(openSecret(key, a)).toBe(secret);
    expect(envelopeKeyId(a)).toBe(masterKeyId(key));
    expect(openSecret(key, sealSecret(key, ''))).toBe('');
  });

  it('refuses another key, any altered part, and malformed envelopes', () => {
    const sealed = sealSecret(key, 'ca key');
    const other = new Uint8Array(randomBytes(32));
    expect(() => openSecret(other, sealed)).toThrow(
      expect.objectContaining({
        code: 'PKI_ENVELOPE_INVALID',
        message: expect.stringContaining('master key'),
      }),
    );
    const parts = sealed.split('.');
    for (let i = 2; i < 5; i++) {
      const altered = [...parts];
      const chars = altered[i]!.split('');
      chars[0] = chars[0] === 'A' ? 'B' : 'A';
      altered[i] = chars.join('');
      expect(() => openSecret(key, altered.join('.'))).toThrow(
        expect.objectContaining({ code: 'PKI_ENVELOPE_INVALID' }),
      );
    }
    // The key id is authenticated: swapping it (even to a valid-looking one) fails.
    expect(() => openSecret(key, ['pcenv1', '0123456789abcdef', ...parts.slice(2)].join('.'))).toThrow(
      expect.objectContaining({ code: 'PKI_ENVELOPE_INVALID' }),
    );
    for (const bad of ['', 'pcenv1', 'pcenv2.a.b.c.d', sealed + '.x', 'x'.repeat(2 * 1024 * 1024)]) {
      expect(() => openSecret(key, bad)).toThrow(expect.objectContaining({ code: 'PKI_ENVELOPE_INVALID' }));
    }
    expect(envelopeKeyId('nope')).toBeNull();
  });

  it('opens with the right key among several (rotation) and binds an optional context', () => {
    const old = new Uint8Array(randomBytes(32));
    const sealed = sealSecret(old, 'rotated');
    expect(openSecret([key, old], sealed)).toBe('rotated');
    expect(() => openSecret([key], sealed)).toThrow(
      expect.objectContaining({ code: 'PKI_ENVELOPE_INVALID' }),
    );
    const bound = sealSecret(key, 'zone a key', { context: 'managed-ca:zone-a' });
    expect(openSecret(key, bound, { context: 'managed-ca:zone-a' })).toBe('zone a key');
    expect(() => openSecret(key, bound, { context: 'managed-ca:zone-b' })).toThrow(
      expect.objectContaining({ code: 'PKI_ENVELOPE_INVALID' }),
    );
    expect(() => openSecret(key, bound)).toThrow(expect.objectContaining({ code: 'PKI_ENVELOPE_INVALID' }));
    expect(() => openSecret([], bound)).toThrow(expect.objectContaining({ code: 'PKI_MASTER_KEY_INVALID' }));
  });

  it('requires a 32-byte master key', () => {
    expect(() => sealSecret(new Uint8Array(16), 'x')).toThrow(
      expect.objectContaining({ code: 'PKI_MASTER_KEY_INVALID' }),
    );
    expect(() => openSecret(new Uint8Array(31), 'x')).toThrow(
      expect.objectContaining({ code: 'PKI_MASTER_KEY_INVALID' }),
    );
  });

  it('uses an injected random source for the IV', () => {
    const fixed = (n: number): Uint8Array => new Uint8Array(n).fill(7);
    expect(sealSecret(key, 'x', { random: fixed })).toBe(sealSecret(key, 'x', { random: fixed }));
  });
});
