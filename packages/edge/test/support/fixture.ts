// The test world: a PKI (managed CA, uploaded CA, a stranger CA, server CA), client certificates
// for every case, an origin process, and an EdgeConfig with the seed's rules.
import type { EdgeConfig, EdgeHost, EdgeRule } from '../../src/index.js';
import { TestPki, type CertKey } from './openssl-pki.js';

export const SEED_RULE =
  '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}';

export interface World {
  readonly pki: TestPki;
  readonly serverCa: CertKey;
  readonly serverCert: CertKey;
  readonly managedCa: CertKey;
  readonly byoCa: CertKey;
  readonly strangerCa: CertKey;
  readonly certs: {
    readonly valid: CertKey;
    readonly valid2: CertKey;
    readonly toRevoke: CertKey;
    readonly byo: CertKey;
    readonly byoRevoked: CertKey;
    readonly untrusted: CertKey;
    readonly expired: CertKey;
    readonly notYetValid: CertKey;
    readonly selfSigned: CertKey;
    readonly leafCa: CertKey;
    readonly rsa1024: CertKey;
    readonly serverAuthOnly: CertKey;
    readonly crlfSubject: CertKey;
  };
  readonly hostnames: readonly string[];
}

export function createWorld(): World {
  const pki = new TestPki();
  const serverCa = pki.rootCa('server-ca');
  const hostnames = [
    'api.example.test',
    'open.example.test',
    'strict.example.test',
    'pinned.example.test',
    'down.example.test',
  ];
  const serverCert = pki.server('edge-server', serverCa, hostnames);
  const managedCa = pki.rootCa('managed-ca');
  const byoCa = pki.rootCa('byo-ca');
  const strangerCa = pki.rootCa('stranger-ca');
  const past = (days: number) =>
    new Date(Date.now() - days * 86400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  const future = (days: number) =>
    new Date(Date.now() + days * 86400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return {
    pki,
    serverCa,
    serverCert,
    managedCa,
    byoCa,
    strangerCa,
    hostnames,
    certs: {
      valid: pki.client('valid', managedCa),
      valid2: pki.client('valid2', managedCa),
      toRevoke: pki.client('to-revoke', managedCa),
      byo: pki.client('byo', byoCa),
      byoRevoked: pki.client('byo-revoked', byoCa),
      untrusted: pki.client('untrusted', strangerCa),
      expired: pki.client('expired', managedCa, { startDate: past(30), endDate: past(1) }),
      notYetValid: pki.client('not-yet-valid', managedCa, { startDate: future(1), endDate: future(30) }),
      selfSigned: pki.selfSigned('self-signed'),
      leafCa: pki.client('leaf-ca', managedCa, { ca: true }),
      rsa1024: pki.client('rsa1024', managedCa, { key: 'rsa1024' }),
      serverAuthOnly: pki.client('server-auth-only', managedCa, { extKeyUsage: 'serverAuth' }),
      crlfSubject: pki.client('crlf', managedCa, { subject: '/O=Evil\\, Inc/CN=a\rb\ninjected: yes' }),
    },
  };
}

function host(world: World, hostname: string, patch: Partial<EdgeHost>): EdgeHost {
  return {
    hostname,
    zoneId: 'zone-1',
    mtlsMode: 'optional',
    certificatePem: world.serverCert.certPem,
    privateKeyPem: world.serverCert.keyPem,
    trustedCas: [],
    originUrl: 'http://127.0.0.1:1',
    originTlsVerify: true,
    forwardClientCertificate: false,
    ...patch,
  };
}

export interface ConfigOptions {
  readonly originUrl: string;
  readonly revokedSerials?: Record<string, string[]>;
  readonly version?: number;
  readonly extraRules?: readonly EdgeRule[];
  readonly apiMode?: EdgeHost['mtlsMode'];
  readonly managedCaSki: string;
}

export function buildConfig(world: World, options: ConfigOptions): EdgeConfig {
  const managed = { id: 'ca-managed', certificatePem: world.managedCa.certPem };
  const byo = { id: 'ca-byo', certificatePem: world.byoCa.certPem };
  return {
    version: options.version ?? 1,
    hosts: [
      host(world, 'api.example.test', {
        mtlsMode: options.apiMode ?? 'optional',
        trustedCas: [managed, byo],
        originUrl: options.originUrl,
        forwardClientCertificate: true,
      }),
      host(world, 'open.example.test', { mtlsMode: 'off', originUrl: options.originUrl }),
      host(world, 'strict.example.test', {
        mtlsMode: 'required',
        trustedCas: [managed],
        originUrl: options.originUrl,
        zoneId: 'zone-2',
      }),
      host(world, 'pinned.example.test', {
        trustedCas: [managed, byo],
        originUrl: options.originUrl,
        zoneId: 'zone-3',
      }),
      host(world, 'down.example.test', {
        mtlsMode: 'off',
        originUrl: 'http://127.0.0.1:1',
        zoneId: 'zone-2',
      }),
    ],
    zones: [
      {
        id: 'zone-1',
        name: 'example.test',
        rulesetId: 'ruleset-1',
        rules: [
          { id: 'rule-seed', expression: SEED_RULE, action: 'block', enabled: true },
          {
            id: 'rule-teapot',
            expression: 'http.request.uri.path eq "/teapot"',
            action: 'block',
            action_parameters: {
              response: {
                status_code: 418,
                content: '{"blocked":"teapot"}',
                content_type: 'application/json',
              },
            },
          },
          { id: 'rule-log', expression: 'http.request.uri.path eq "/logged"', action: 'log' },
          {
            id: 'rule-disabled',
            expression: 'http.request.uri.path eq "/open"',
            action: 'block',
            enabled: false,
          },
          ...(options.extraRules ?? []),
        ],
      },
      { id: 'zone-2', name: 'strict.test', rules: [] },
      {
        id: 'zone-3',
        name: 'pinned.test',
        rules: [
          {
            id: 'rule-ski',
            expression: `not (cf.tls_client_auth.cert_verified and cf.tls_client_auth.cert_issuer_ski eq "${options.managedCaSki}")`,
            action: 'block',
          },
        ],
      },
    ],
    revokedSerials: options.revokedSerials ?? {},
  };
}
