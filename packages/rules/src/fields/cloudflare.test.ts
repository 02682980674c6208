// The Cloudflare scheme: corpus field types, every mTLS field, phases, immutability.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { typeName } from '../type-utils.js';
import { cloudflareFields, cloudflareScheme, transformScheme } from './cloudflare.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')) as {
    scheme: { fields: Record<string, string> };
  };

describe('Cloudflare scheme', () => {
  it('has every field of both corpora with the same type', () => {
    for (const name of ['rules-conformance.json', 'rules-functions.json']) {
      for (const [field, type] of Object.entries(fixture(name).scheme.fields)) {
        const slot = cloudflareScheme.field(field);
        expect([field, slot && typeName(slot.type)]).toEqual([field, type]);
      }
    }
  });

  it('has every cf.tls_client_auth.* field of CLOUDFLARE.md §4.1', () => {
    const bools = [
      'cert_presented',
      'cert_verified',
      'cert_revoked',
      'cert_rfc9440_too_large',
      'cert_chain_rfc9440_too_large',
    ];
    const strings = [
      'cert_issuer_dn',
      'cert_subject_dn',
      'cert_issuer_dn_rfc2253',
      'cert_subject_dn_rfc2253',
      'cert_issuer_dn_legacy',
      'cert_subject_dn_legacy',
      'cert_serial',
      'cert_issuer_serial',
      'cert_fingerprint_sha256',
      'cert_fingerprint_sha1',
      'cert_not_before',
      'cert_not_after',
      'cert_ski',
      'cert_issuer_ski',
      'cert_rfc9440',
      'cert_chain_rfc9440',
    ];
    for (const f of bools) expect(typeName(cloudflareFields[`cf.tls_client_auth.${f}`]!)).toBe('Bool');
    for (const f of strings) expect(typeName(cloudflareFields[`cf.tls_client_auth.${f}`]!)).toBe('Bytes');
    expect(Object.keys(cloudflareFields).filter((k) => k.startsWith('cf.tls_client_auth.')).length).toBe(
      bools.length + strings.length,
    );
  });

  it('shares its fields with the transform scheme, which differs only in phase', () => {
    expect(transformScheme.fieldNames()).toEqual(cloudflareScheme.fieldNames());
    expect([cloudflareScheme.phase, transformScheme.phase]).toEqual(['custom', 'transform']);
    const expr = 'to_string(cf.edge.server_port) eq "443"';
    expect(compile(expr, cloudflareScheme).ok).toBe(false);
    expect(compile(expr, transformScheme).ok).toBe(true);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(cloudflareFields)).toBe(true);
    expect(Object.isFrozen(cloudflareScheme)).toBe(true);
  });
});
