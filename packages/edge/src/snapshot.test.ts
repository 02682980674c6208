import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPki, type CertKey } from '../test/support/openssl-pki.js';
import type { EdgeConfig } from './config.js';
import { buildSnapshot, createSnapshotCaches } from './snapshot.js';
import { createHostTlsServer } from './tls/host-tls.js';

let pki: TestPki;
let server: CertKey;
let other: CertKey;
let caA: CertKey;
let caB: CertKey;
const secret = Buffer.alloc(32, 1);
const factory = (input: Parameters<typeof createHostTlsServer>[0]) =>
  createHostTlsServer(input, secret, { handshakeTimeoutMs: 1000 });

beforeAll(() => {
  pki = new TestPki();
  const sca = pki.rootCa('s');
  server = pki.server('a', sca, ['a.test']);
  other = pki.server('b', sca, ['b.test']);
  caA = pki.rootCa('ca-a');
  caB = pki.rootCa('ca-b');
});
afterAll(() => pki.dispose());

function config(
  patch: Partial<EdgeConfig['hosts'][number]> = {},
  revoked: Record<string, string[]> = {},
): EdgeConfig {
  return {
    version: 1,
    hosts: [
      {
        hostname: 'a.test',
        zoneId: 'z',
        mtlsMode: 'optional',
        certificatePem: server.certPem,
        privateKeyPem: server.keyPem,
        trustedCas: [{ id: 'A', certificatePem: caA.certPem }],
        originUrl: 'http://127.0.0.1:9/base/',
        ...patch,
      },
    ],
    zones: [
      {
        id: 'z',
        name: 'z',
        rules: [{ id: 'r', expression: 'cf.tls_client_auth.cert_verified', action: 'log' }],
      },
    ],
    revokedSerials: revoked,
  };
}

describe('buildSnapshot', () => {
  it('compiles hosts, origin targets and revocation sets', () => {
    const snap = buildSnapshot(config({}, { A: ['00ab', 'CD'] }), createSnapshotCaches(), factory);
    const host = snap.hosts.get('a.test')!;
    expect(host.origin).toMatchObject({ origin: 'http://127.0.0.1:9', basePath: '/base', protocol: 'http:' });
    expect(snap.isRevoked('A', ['AB'])).toBe(true);
    expect(snap.isRevoked('A', ['CD'])).toBe(true);
    expect(snap.isRevoked('B', ['AB'])).toBe(false);
    expect(snap.problems).toEqual([]);
  });

  it('counts every certificate of a CA whose revocation list is unavailable as revoked (fail closed)', () => {
    const snap = buildSnapshot(
      config({ trustedCas: [{ id: 'A', certificatePem: caA.certPem, revocationUnavailable: true }] }),
      createSnapshotCaches(),
      factory,
    );
    expect(snap.isRevoked('A', ['1234'])).toBe(true);
    expect(snap.isRevoked('B', ['1234'])).toBe(false);
  });

  it('counts every certificate of a CA as revoked once its revocation list is past its next update', () => {
    const past = new Date(Date.now() - 1000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const stale = buildSnapshot(
      config({ trustedCas: [{ id: 'A', certificatePem: caA.certPem, revocationListNextUpdate: past }] }),
      createSnapshotCaches(),
      factory,
    );
    expect(stale.isRevoked('A', ['1234'])).toBe(true);
    expect(stale.isRevoked('B', ['1234'])).toBe(false);
    const fresh = buildSnapshot(
      config({ trustedCas: [{ id: 'A', certificatePem: caA.certPem, revocationListNextUpdate: future }] }),
      createSnapshotCaches(),
      factory,
    );
    expect(fresh.isRevoked('A', ['1234'])).toBe(false);
    expect(() =>
      buildSnapshot(
        config({ trustedCas: [{ id: 'A', certificatePem: caA.certPem, revocationListNextUpdate: 'soon' }] }),
        createSnapshotCaches(),
        factory,
      ),
    ).toThrow(/revocationListNextUpdate is not a date/);
  });

  it('reuses TLS servers while the material is unchanged and binds a new one when trust changes', () => {
    const caches = createSnapshotCaches();
    const first = buildSnapshot(config(), caches, factory).hosts.get('a.test')!;
    const same = buildSnapshot(config(), caches, factory).hosts.get('a.test')!;
    expect(same.tls.server()).toBe(first.tls.server());
    const changed = buildSnapshot(
      config({ trustedCas: [{ id: 'B', certificatePem: caB.certPem }] }),
      caches,
      factory,
    ).hosts.get('a.test')!;
    expect(changed.tls.server()).not.toBe(first.tls.server());
    expect(changed.binding).not.toBe(first.binding);
  });

  it('leaves out a host whose key does not match its certificate, or whose CA is not a CA (fail closed)', () => {
    const bad = buildSnapshot(config({ privateKeyPem: other.keyPem }), createSnapshotCaches(), factory);
    expect(bad.hosts.size).toBe(0);
    expect(bad.problems[0]).toMatch(/^host a\.test:/);
    const notCa = buildSnapshot(
      config({ trustedCas: [{ id: 'X', certificatePem: server.certPem }] }),
      createSnapshotCaches(),
      factory,
    );
    expect(notCa.hosts.size).toBe(0);
    expect(notCa.problems[0]).toMatch(/not a CA/);
  });

  it('refuses an invalid config as a whole', () => {
    expect(() =>
      buildSnapshot(config({ mtlsMode: 'maybe' as never }), createSnapshotCaches(), factory),
    ).toThrow(/mtlsMode/);
    expect(() => buildSnapshot(config({ hostname: 'A.test' }), createSnapshotCaches(), factory)).toThrow(
      /lower case/,
    );
    expect(() => buildSnapshot(config({ originUrl: 'ftp://x' }), createSnapshotCaches(), factory)).toThrow(
      /http or https/,
    );
    expect(() =>
      buildSnapshot({ ...config(), defaultHost: 'nope.test' }, createSnapshotCaches(), factory),
    ).toThrow(/defaultHost/);
  });
});
