// Tests of the store → EdgeConfig mapping: trust stores from associations, opened keys, rules, revocations.
import type {
  CertificateAuthority,
  Hostname,
  HostnameAssociation,
  MtlsCertificate,
  Rule,
  Zone,
} from '@portcullis/model';
import { describe, expect, it } from 'vitest';
import { buildEdgeConfig, type EdgeInputs, type MappingWarning } from './edge-config-from-store.js';

const t = '2026-01-01T00:00:00Z';
const zone: Zone = {
  id: 'z1',
  name: 'example.test',
  status: 'active',
  paused: false,
  type: 'full',
  account: { id: 'a1', name: 'Default' },
  created_on: t,
  modified_on: t,
  activated_on: t,
};
const managedCa: CertificateAuthority = {
  id: 'ca-managed',
  zone_id: 'z1',
  name: 'Portcullis managed CA for example.test',
  certificate: 'MANAGED-PEM',
  ski: 'ab',
  serial: '01',
  created_on: t,
  expires_on: t,
};
const uploaded: MtlsCertificate = {
  id: 'ca-uploaded',
  name: 'partner',
  ca: true,
  certificates: 'UPLOADED-CHAIN-PEM',
  issuer: 'CN=Partner',
  serial_number: '1',
  signature: 'SHA256WithECDSA',
  ski: 'cd',
  type: 'custom',
  expires_on: t,
  uploaded_on: t,
  updated_at: t,
};
function host(name: string, extra: Partial<Hostname> = {}): Hostname {
  return {
    id: `h-${name}`,
    zone_id: 'z1',
    hostname: name,
    origin: 'http://127.0.0.1:9000',
    origin_tls_verify: true,
    origin_ca: null,
    edge_certificate: {
      source: 'managed',
      certificate: `CERT-${name}`,
      issuer: 'CN=edge',
      serial_number: '1',
      fingerprint_sha256: 'f',
      expires_on: t,
    },
    mtls_mode: 'optional',
    forward_client_certificate: false,
    created_on: t,
    modified_on: t,
    ...extra,
  };
}
function association(hostname: string, caId: string, mtlsId: string | null): HostnameAssociation {
  return { zone_id: 'z1', hostname, mtls_certificate_id: mtlsId, ca_id: caId };
}
const rule: Rule = {
  id: 'r1',
  version: '1',
  last_updated: t,
  action: 'block',
  expression:
    '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}',
  description: 'mTLS',
  enabled: true,
  ref: 'r1',
};

function inputs(extra: Partial<EdgeInputs> = {}): EdgeInputs {
  const hostnames = [
    host('api.example.test', { forward_client_certificate: true }),
    host('www.example.test', { mtls_mode: 'off', origin_ca: 'ORIGIN-CA' }),
  ];
  return {
    version: 42,
    zones: [zone],
    hostnames,
    credentials: hostnames.map((h) => ({
      hostname_id: h.id,
      zone_id: 'z1',
      hostname: h.hostname,
      certificate: `CERT-${h.hostname}`,
      private_key_sealed: `sealed:${h.hostname}`,
    })),
    managedCas: [managedCa],
    mtlsCertificates: [uploaded],
    associations: [
      association('api.example.test', 'ca-managed', null),
      association('api.example.test', 'ca-uploaded', 'ca-uploaded'),
    ],
    rulesets: [
      {
        zone_id: 'z1',
        ruleset: {
          id: 'rs',
          name: 'default',
          description: '',
          kind: 'zone',
          phase: 'http_request_firewall_custom',
          version: '3',
          last_updated: t,
          rules: [rule],
        },
      },
    ],
    managedRevocations: { 'ca-managed': ['0a', 'FF'] },
    crlRevocations: { 'ca-uploaded': ['01'] },
    crlNextUpdates: {},
    ...extra,
  };
}
const openKey = (sealed: string) => {
  if (!sealed.startsWith('sealed:')) throw new Error('authentication tag mismatch');
  return `KEY-${sealed.slice(7)}`;
};

describe('buildEdgeConfig', () => {
  it('maps hosts, trust stores, rules and revocations', () => {
    const config = buildEdgeConfig(inputs(), { openKey, defaultHost: 'API.example.test' });
    expect(config.version).toBe(42);
    expect(config.defaultHost).toBe('api.example.test');
    expect(config.hosts).toEqual([
      {
        hostname: 'api.example.test',
        zoneId: 'z1',
        mtlsMode: 'optional',
        certificatePem: 'CERT-api.example.test',
        privateKeyPem: 'KEY-api.example.test',
        trustedCas: [
          { id: 'ca-managed', certificatePem: 'MANAGED-PEM' },
          { id: 'ca-uploaded', certificatePem: 'UPLOADED-CHAIN-PEM' },
        ],
        originUrl: 'http://127.0.0.1:9000',
        originTlsVerify: true,
        forwardClientCertificate: true,
      },
      {
        hostname: 'www.example.test',
        zoneId: 'z1',
        mtlsMode: 'off',
        certificatePem: 'CERT-www.example.test',
        privateKeyPem: 'KEY-www.example.test',
        trustedCas: [],
        originUrl: 'http://127.0.0.1:9000',
        originTlsVerify: true,
        originCaPem: 'ORIGIN-CA',
        forwardClientCertificate: false,
      },
    ]);
    expect(config.zones).toEqual([{ id: 'z1', name: 'example.test', rulesetId: 'rs', rules: [rule] }]);
    expect(config.revokedSerials).toEqual({ 'ca-managed': ['0A', 'FF'], 'ca-uploaded': ['01'] });
  });

  it('leaves out a host whose key cannot be opened, and warns (fail closed)', () => {
    const warnings: MappingWarning[] = [];
    const base = inputs();
    const config = buildEdgeConfig(
      {
        ...base,
        credentials: base.credentials.map((c) =>
          c.hostname === 'www.example.test' ? { ...c, private_key_sealed: 'garbage' } : c,
        ),
      },
      { openKey, warn: (w) => warnings.push(w) },
    );
    expect(config.hosts.map((h) => h.hostname)).toEqual(['api.example.test']);
    expect(warnings).toEqual([
      { hostname: 'www.example.test', message: expect.stringMatching(/cannot be opened/) },
    ]);
    expect(config).not.toHaveProperty('defaultHost');
  });

  it('drops a default host that is not served, with a warning', () => {
    const warnings: MappingWarning[] = [];
    const config = buildEdgeConfig(inputs(), {
      openKey,
      defaultHost: 'nope.example.test',
      warn: (w) => warnings.push(w),
    });
    expect(config).not.toHaveProperty('defaultHost');
    expect(warnings[0]!.message).toMatch(/not served/);
  });

  it('keeps an mTLS host with no associated CA, with an empty trust store and a warning', () => {
    const warnings: MappingWarning[] = [];
    const config = buildEdgeConfig(inputs({ associations: [] }), { openKey, warn: (w) => warnings.push(w) });
    expect(config.hosts[0]!.trustedCas).toEqual([]);
    expect(warnings[0]!.message).toMatch(/no CA is associated/);
  });

  it('never trusts a CA it cannot find, nor an uploaded leaf', () => {
    const warnings: MappingWarning[] = [];
    const config = buildEdgeConfig(
      inputs({
        mtlsCertificates: [{ ...uploaded, ca: false }],
        associations: [
          association('api.example.test', 'ca-uploaded', 'ca-uploaded'),
          association('api.example.test', 'gone', 'gone'),
        ],
      }),
      { openKey, warn: (w) => warnings.push(w) },
    );
    expect(config.hosts[0]!.trustedCas).toEqual([]);
    expect(warnings.filter((w) => /not found/.test(w.message))).toHaveLength(2);
  });

  it("gives an uploaded CA its CRL's next update, so the edge fails closed once the list is stale", () => {
    const config = buildEdgeConfig(
      inputs({ crlNextUpdates: { 'ca-uploaded': '2026-03-01T00:00:00.000Z', 'ca-other': null } }),
      { openKey },
    );
    expect(config.hosts[0]!.trustedCas).toEqual([
      { id: 'ca-managed', certificatePem: expect.any(String) as string },
      {
        id: 'ca-uploaded',
        certificatePem: 'UPLOADED-CHAIN-PEM',
        revocationListNextUpdate: '2026-03-01T00:00:00.000Z',
      },
    ]);
  });

  it('gives every zone an entry, with no rules when it has no ruleset', () => {
    const config = buildEdgeConfig(inputs({ rulesets: [] }), { openKey });
    expect(config.zones).toEqual([{ id: 'z1', name: 'example.test', rules: [] }]);
  });
});
