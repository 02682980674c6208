// Input builders for store tests: plausible certificate facts without real cryptography (the store parses nothing).
import type { Account, CertificateAuthority, Zone } from '@portcullis/model';
import type {
  EdgeCertificateInput,
  NewClientCertificate,
  NewHostname,
  NewMtlsCertificate,
  NewSecurityEvent,
  Store,
  StoreRepositories,
} from '../types.js';

let counter = 0;

/** A unique small number per call, for serials and names. */
export function next(): number {
  counter += 1;
  return counter;
}

/** A PEM-looking text (the store treats certificates as opaque text). */
export function fakePem(label: string, body: string): string {
  return `-----BEGIN ${label}-----\n${Buffer.from(body).toString('base64')}\n-----END ${label}-----\n`;
}

export function edgeCertificate(hostname: string): EdgeCertificateInput {
  return {
    source: 'managed',
    certificate: fakePem('CERTIFICATE', `edge ${hostname}`),
    issuer: 'CN=Portcullis Edge CA',
    serial_number: String(1000 + next()),
    fingerprint_sha256: 'ab'.repeat(32),
    expires_on: '2027-01-01T00:00:00.000Z',
    private_key_sealed: `sealed:v1:edge-key-of-${hostname}`,
  };
}

export function newHostname(
  zoneId: string,
  hostname: string,
  overrides: Partial<NewHostname> = {},
): NewHostname {
  return {
    zone_id: zoneId,
    hostname,
    origin: 'http://127.0.0.1:9000',
    origin_tls_verify: true,
    origin_ca: null,
    mtls_mode: 'off',
    forward_client_certificate: false,
    edge_certificate: edgeCertificate(hostname),
    ...overrides,
  };
}

export function newClientCertificate(
  zoneId: string,
  caId: string,
  overrides: Partial<NewClientCertificate> = {},
): NewClientCertificate {
  const n = next();
  return {
    zone_id: zoneId,
    certificate_authority_id: caId,
    certificate: fakePem('CERTIFICATE', `client ${n}`),
    csr: fakePem('CERTIFICATE REQUEST', `csr ${n}`),
    ski: n.toString(16).padStart(40, '0'),
    serial_number: String(n),
    serial_hex: n.toString(16).toUpperCase().padStart(2, '0'),
    signature: 'SHA256WithECDSA',
    common_name: `device-${n}`,
    organization: 'Example',
    organizational_unit: '',
    country: 'GB',
    state: '',
    location: 'London',
    issued_on: '2026-01-01T00:00:00.000Z',
    expires_on: '2036-01-01T00:00:00.000Z',
    fingerprint_sha256: n.toString(16).padStart(64, '0'),
    validity_days: 3650,
    ...overrides,
  };
}

export function newMtlsCertificate(accountId: string, name: string | null): NewMtlsCertificate {
  const n = next();
  return {
    account_id: accountId,
    name,
    ca: true,
    certificates: fakePem('CERTIFICATE', `byo ca ${n}`),
    issuer: `CN=BYO CA ${n}`,
    serial_number: String(n),
    signature: 'SHA256WithRSA',
    ski: n.toString(16).padStart(40, 'a'),
    expires_on: '2030-01-01T00:00:00.000Z',
  };
}

export function securityEvent(overrides: Partial<NewSecurityEvent> = {}): NewSecurityEvent {
  return {
    occurred_at: new Date().toISOString(),
    ray_id: `ray${next()}`,
    zone_id: null,
    host: 'api.example.test',
    method: 'GET',
    path: '/admin',
    client_ip: '192.0.2.1',
    ruleset_id: null,
    rule_id: null,
    action: 'block',
    client_auth: {
      cert_presented: true,
      cert_verified: false,
      cert_revoked: false,
      cert_serial: '0A',
      cert_issuer_ski: '',
      cert_fingerprint_sha256: '',
    },
    ...overrides,
  };
}

/** An account, a zone and its managed CA: what most cases start from. */
export interface Tenant {
  readonly account: Account;
  readonly zone: Zone;
  readonly ca: CertificateAuthority;
}

/** Creates an account (the default one unless `name` given), a zone and its CA in one transaction. */
export async function tenant(store: Store, zoneName = `zone${next()}.example.test`): Promise<Tenant> {
  const { account } = await store.accounts.ensureDefault({ name: 'Default account' });
  return store.transaction((tx) => zoneWithCa(tx, account, zoneName));
}

export async function zoneWithCa(tx: StoreRepositories, account: Account, zoneName: string): Promise<Tenant> {
  const zone = await tx.zones.create({ account_id: account.id, name: zoneName });
  const ca = await tx.certificateAuthorities.create({
    zone_id: zone.id,
    name: `Managed CA for ${zoneName}`,
    certificate: fakePem('CERTIFICATE', `ca ${zoneName}`),
    private_key_sealed: `sealed:v1:ca-key-of-${zoneName}`,
    ski: 'A5AC'.repeat(10),
    serial: '0F',
    expires_on: '2036-01-01T00:00:00.000Z',
  });
  return { account, zone, ca };
}
