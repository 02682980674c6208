// The typed client: one method per API route, grouped by resource family as the routes are.
import type {
  Account,
  ApiToken,
  ApiTokenPermissions,
  ApiTokenWithValue,
  AuditEntry,
  CertificateAuthority,
  ClientCertificate,
  ClientCertificateStatus,
  ClientCertificateWithKey,
  Crl,
  Hostname,
  HostnameAssociations,
  MtlsCertificate,
  MtlsCertificateAssociation,
  MtlsMode,
  ResultInfo,
  Rule,
  RulePosition,
  Ruleset,
  RulesetVersionSummary,
  SecurityEvent,
  Zone,
} from '@portcullis/model';
import { Transport, type TransportOptions } from './transport.js';

/** One page of a list and its pagination block. */
export interface Page<T> {
  items: T[];
  resultInfo: ResultInfo | undefined;
}

/** Paging parameters of list calls. */
export interface PageOptions {
  page?: number;
  per_page?: number;
}

/** Body of `POST /zones/{zone_id}/hostnames` (and, all optional, of PATCH). */
export interface HostnameInput {
  hostname: string;
  origin: string;
  origin_tls_verify?: boolean;
  origin_ca?: string | null;
  edge_certificate?: { certificate: string; private_key: string } | null;
  mtls_mode?: MtlsMode;
  forward_client_certificate?: boolean;
}

/** Body of `POST /zones/{zone_id}/client_certificates`: a CSR, or (Portcullis) a key to generate. */
export type ClientCertificateInput =
  | { csr: string; validity_days: number }
  | {
      generate_key: {
        key_type?: string;
        subject?: Partial<
          Record<
            'common_name' | 'organization' | 'organizational_unit' | 'country' | 'state' | 'location',
            string
          >
        >;
        /** Also return `pkcs12` (base64) protected by this password. */
        pkcs12_password?: string;
      };
      validity_days: number;
    };

/** A rule as sent to the API (ids and versions are the API's to assign). */
export interface RuleInput {
  id?: string;
  ref?: string;
  action: Rule['action'];
  expression: string;
  description?: string;
  enabled?: boolean;
  action_parameters?: Rule['action_parameters'];
  logging?: { enabled: boolean };
}

/** Body of `PUT …/entrypoint`. */
export interface EntrypointInput {
  name?: string;
  description?: string;
  rules: RuleInput[];
}

/** Body of `PUT …/mtls_certificates/{id}/crl`. */
export type CrlInput = { crl: string } | { url: string; refresh_seconds?: number };

/** The managed CA of a zone, with its download locations. */
export interface ManagedCa extends CertificateAuthority {
  urls: { certificate_pem: string; certificate_der: string; crl_pem: string; crl_der: string };
}

/** Filters of `GET /zones/{zone_id}/client_certificates` (Portcullis: expiry and order). */
export interface ClientCertificateListOptions extends PageOptions {
  status?: ClientCertificateStatus | 'all';
  /** RFC 3339: only certificates expiring before it. */
  expires_before?: string;
  /** Only certificates expiring within this many days (expired ones included); not with `expires_before`. */
  expiring_within_days?: number;
  /** `created_on` (default, newest first) or `expires_on` (soonest first). */
  order?: 'created_on' | 'expires_on';
}

/** Filters of `GET /zones/{zone_id}/security_events`. */
/** Filters of `GET /accounts/{account_id}/audit_logs` (newest first). */
export interface AuditLogListOptions extends PageOptions {
  zone_id?: string;
  resource_type?: string;
  actor_id?: string;
  /** ISO 8601; entries at or after. */
  since?: string;
  /** ISO 8601; entries before. */
  before?: string;
}

export interface SecurityEventListOptions extends PageOptions {
  since?: string;
  until?: string;
  host?: string;
  action?: string;
  rule_id?: string;
  /** Hex, any case. */
  cert_fingerprint_sha256?: string;
  /** Hex, any case. */
  cert_serial?: string;
}

/** Result of `GET /zones/{zone_id}/security_events/summary`: counts over [since, until), largest first. */
export interface SecurityEventSummary {
  since: string;
  until: string | null;
  total: number;
  by_rule: { rule_id: string | null; description: string | null; count: number }[];
  by_host: { host: string; count: number }[];
  by_certificate: { fingerprint_sha256: string; serial: string; common_name: string | null; count: number }[];
}

/** The result of the token verification route. */
export interface TokenVerification {
  id: string;
  status: string;
}

/**
 * A typed client over Portcullis' `/client/v4` API. Isomorphic: uses `fetch` only.
 *
 * @example
 * ```ts
 * const api = createClient({ baseUrl: 'http://127.0.0.1:8080', token });
 * const [account] = (await api.accounts.list()).items;
 * const zone = await api.zones.create({ name: 'example.test', account: { id: account!.id } });
 * const cert = await api.clientCertificates.create(zone.id, { csr, validity_days: 365 });
 * ```
 */
export class PortcullisClient {
  readonly transport: Transport;

  constructor(options: TransportOptions) {
    this.transport = new Transport(options);
  }

  readonly health = async (): Promise<{ status: string; version: string }> => this.#get('/health');

  readonly accounts = {
    list: (options?: PageOptions): Promise<Page<Account>> => this.#list('/accounts', { ...options }),
    get: (accountId: string): Promise<Account> => this.#get(`/accounts/${seg(accountId)}`),
  };

  readonly zones = {
    create: (body: { name: string; account: { id: string }; type?: 'full' }): Promise<Zone> =>
      this.#send('POST', '/zones', body),
    list: (options?: PageOptions & { name?: string }): Promise<Page<Zone>> =>
      this.#list('/zones', { ...options }),
    get: (zoneId: string): Promise<Zone> => this.#get(`/zones/${seg(zoneId)}`),
    delete: (zoneId: string): Promise<{ id: string }> => this.#send('DELETE', `/zones/${seg(zoneId)}`),
    managedCa: (zoneId: string): Promise<ManagedCa> =>
      this.#get(`/zones/${seg(zoneId)}/certificate_authorities/managed`),
  };

  readonly hostnames = {
    create: (zoneId: string, body: HostnameInput): Promise<Hostname> =>
      this.#send('POST', `/zones/${seg(zoneId)}/hostnames`, body),
    list: (zoneId: string, options?: PageOptions): Promise<Page<Hostname>> =>
      this.#list(`/zones/${seg(zoneId)}/hostnames`, { ...options }),
    get: (zoneId: string, id: string): Promise<Hostname> =>
      this.#get(`/zones/${seg(zoneId)}/hostnames/${seg(id)}`),
    update: (zoneId: string, id: string, body: Partial<HostnameInput>): Promise<Hostname> =>
      this.#send('PATCH', `/zones/${seg(zoneId)}/hostnames/${seg(id)}`, body),
    delete: (zoneId: string, id: string): Promise<{ id: string }> =>
      this.#send('DELETE', `/zones/${seg(zoneId)}/hostnames/${seg(id)}`),
  };

  readonly clientCertificates = {
    create: (
      zoneId: string,
      body: ClientCertificateInput,
    ): Promise<ClientCertificate | ClientCertificateWithKey> =>
      this.#send('POST', `/zones/${seg(zoneId)}/client_certificates`, body),
    list: (zoneId: string, options?: ClientCertificateListOptions): Promise<Page<ClientCertificate>> =>
      this.#list(`/zones/${seg(zoneId)}/client_certificates`, { ...options }),
    get: (zoneId: string, id: string): Promise<ClientCertificate> =>
      this.#get(`/zones/${seg(zoneId)}/client_certificates/${seg(id)}`),
    revoke: (zoneId: string, id: string): Promise<ClientCertificate> =>
      this.#send('DELETE', `/zones/${seg(zoneId)}/client_certificates/${seg(id)}`),
    reactivate: (zoneId: string, id: string): Promise<ClientCertificate> =>
      this.#send('PATCH', `/zones/${seg(zoneId)}/client_certificates/${seg(id)}`, { reactivate: true }),
  };

  readonly hostnameAssociations = {
    get: (zoneId: string, mtlsCertificateId?: string): Promise<HostnameAssociations> =>
      this.#get(`/zones/${seg(zoneId)}/certificate_authorities/hostname_associations`, {
        mtls_certificate_id: mtlsCertificateId,
      }),
    replace: (
      zoneId: string,
      hostnames: string[],
      mtlsCertificateId?: string,
    ): Promise<HostnameAssociations> =>
      this.#send('PUT', `/zones/${seg(zoneId)}/certificate_authorities/hostname_associations`, {
        hostnames,
        ...(mtlsCertificateId === undefined ? {} : { mtls_certificate_id: mtlsCertificateId }),
      }),
    add: (zoneId: string, hostname: string, mtlsCertificateId?: string): Promise<HostnameAssociations> =>
      this.#send('POST', `/zones/${seg(zoneId)}/certificate_authorities/hostname_associations/hostnames`, {
        hostname,
        ...(mtlsCertificateId === undefined ? {} : { mtls_certificate_id: mtlsCertificateId }),
      }),
    remove: (zoneId: string, hostname: string, mtlsCertificateId?: string): Promise<HostnameAssociations> =>
      this.#send(
        'DELETE',
        `/zones/${seg(zoneId)}/certificate_authorities/hostname_associations/hostnames/${seg(hostname)}`,
        undefined,
        { mtls_certificate_id: mtlsCertificateId },
      ),
  };

  readonly mtlsCertificates = {
    create: (
      accountId: string,
      body: { ca: boolean; certificates: string; name?: string },
    ): Promise<MtlsCertificate> => this.#send('POST', `/accounts/${seg(accountId)}/mtls_certificates`, body),
    list: (accountId: string): Promise<MtlsCertificate[]> =>
      this.#get(`/accounts/${seg(accountId)}/mtls_certificates`),
    get: (accountId: string, id: string): Promise<MtlsCertificate> =>
      this.#get(`/accounts/${seg(accountId)}/mtls_certificates/${seg(id)}`),
    delete: (accountId: string, id: string): Promise<MtlsCertificate> =>
      this.#send('DELETE', `/accounts/${seg(accountId)}/mtls_certificates/${seg(id)}`),
    associations: (accountId: string, id: string): Promise<MtlsCertificateAssociation[]> =>
      this.#get(`/accounts/${seg(accountId)}/mtls_certificates/${seg(id)}/associations`),
    putCrl: (accountId: string, id: string, body: CrlInput): Promise<Crl> =>
      this.#send('PUT', `/accounts/${seg(accountId)}/mtls_certificates/${seg(id)}/crl`, body),
    getCrl: (accountId: string, id: string): Promise<Crl> =>
      this.#get(`/accounts/${seg(accountId)}/mtls_certificates/${seg(id)}/crl`),
    deleteCrl: (accountId: string, id: string): Promise<{ id: string }> =>
      this.#send('DELETE', `/accounts/${seg(accountId)}/mtls_certificates/${seg(id)}/crl`),
  };

  readonly rulesets = {
    getEntrypoint: (zoneId: string, phase = 'http_request_firewall_custom'): Promise<Ruleset> =>
      this.#get(`/zones/${seg(zoneId)}/rulesets/phases/${seg(phase)}/entrypoint`),
    putEntrypoint: (
      zoneId: string,
      body: EntrypointInput,
      phase = 'http_request_firewall_custom',
    ): Promise<Ruleset> =>
      this.#send('PUT', `/zones/${seg(zoneId)}/rulesets/phases/${seg(phase)}/entrypoint`, body),
    entrypointVersions: (
      zoneId: string,
      phase = 'http_request_firewall_custom',
    ): Promise<RulesetVersionSummary[]> =>
      this.#get(`/zones/${seg(zoneId)}/rulesets/phases/${seg(phase)}/entrypoint/versions`),
    entrypointVersion: (
      zoneId: string,
      version: string,
      phase = 'http_request_firewall_custom',
    ): Promise<Ruleset> =>
      this.#get(`/zones/${seg(zoneId)}/rulesets/phases/${seg(phase)}/entrypoint/versions/${seg(version)}`),
    list: (zoneId: string): Promise<RulesetVersionSummary[]> => this.#get(`/zones/${seg(zoneId)}/rulesets`),
    get: (zoneId: string, rulesetId: string): Promise<Ruleset> =>
      this.#get(`/zones/${seg(zoneId)}/rulesets/${seg(rulesetId)}`),
    createRule: (
      zoneId: string,
      rulesetId: string,
      rule: RuleInput & { position?: RulePosition },
    ): Promise<Ruleset> => this.#send('POST', `/zones/${seg(zoneId)}/rulesets/${seg(rulesetId)}/rules`, rule),
    editRule: (
      zoneId: string,
      rulesetId: string,
      ruleId: string,
      rule: Partial<RuleInput> & { position?: RulePosition },
    ): Promise<Ruleset> =>
      this.#send('PATCH', `/zones/${seg(zoneId)}/rulesets/${seg(rulesetId)}/rules/${seg(ruleId)}`, rule),
    deleteRule: (zoneId: string, rulesetId: string, ruleId: string): Promise<Ruleset> =>
      this.#send('DELETE', `/zones/${seg(zoneId)}/rulesets/${seg(rulesetId)}/rules/${seg(ruleId)}`),
    versions: (zoneId: string, rulesetId: string): Promise<RulesetVersionSummary[]> =>
      this.#get(`/zones/${seg(zoneId)}/rulesets/${seg(rulesetId)}/versions`),
    version: (zoneId: string, rulesetId: string, version: string): Promise<Ruleset> =>
      this.#get(`/zones/${seg(zoneId)}/rulesets/${seg(rulesetId)}/versions/${seg(version)}`),
  };

  readonly tokens = {
    create: (
      accountId: string,
      body: { name: string; permissions: ApiTokenPermissions; expires_on?: string },
    ): Promise<ApiTokenWithValue> => this.#send('POST', `/accounts/${seg(accountId)}/tokens`, body),
    list: (accountId: string, options?: PageOptions): Promise<Page<ApiToken>> =>
      this.#list(`/accounts/${seg(accountId)}/tokens`, { ...options }),
    get: (accountId: string, id: string): Promise<ApiToken> =>
      this.#get(`/accounts/${seg(accountId)}/tokens/${seg(id)}`),
    revoke: (accountId: string, id: string): Promise<{ id: string }> =>
      this.#send('DELETE', `/accounts/${seg(accountId)}/tokens/${seg(id)}`),
    verify: (): Promise<TokenVerification> => this.#get('/user/tokens/verify'),
  };

  readonly auditLog = {
    list: (accountId: string, options?: AuditLogListOptions): Promise<Page<AuditEntry>> =>
      this.#list(`/accounts/${seg(accountId)}/audit_logs`, { ...options }),
  };

  readonly securityEvents = {
    list: (zoneId: string, options?: SecurityEventListOptions): Promise<Page<SecurityEvent>> =>
      this.#list(`/zones/${seg(zoneId)}/security_events`, { ...options }),
    /** Counts by rule, host and client certificate (default window: the last 24 hours). */
    summary: (
      zoneId: string,
      options?: { since?: string; until?: string; top?: number },
    ): Promise<SecurityEventSummary> =>
      this.#get(`/zones/${seg(zoneId)}/security_events/summary`, {
        since: options?.since,
        until: options?.until,
        top: options?.top === undefined ? undefined : String(options.top),
      }),
  };

  /** Downloads a managed CA's certificate or CRL, PEM or DER. */
  download(
    caId: string,
    what: 'certificate.pem' | 'certificate.der' | 'crl.pem' | 'crl.der',
  ): Promise<Uint8Array> {
    return this.transport.download(`/pki/ca/${seg(caId)}/${what}`);
  }

  /** Downloads the local edge CA's certificate. */
  downloadEdgeCa(format: 'pem' | 'der' = 'pem'): Promise<Uint8Array> {
    return this.transport.download(`/pki/edge-ca/certificate.${format}`);
  }

  async #get<T>(path: string, query?: Record<string, string | undefined>): Promise<T> {
    return (await this.transport.request<T>('GET', path, query === undefined ? {} : { query })).result;
  }

  async #send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    query?: Record<string, string | undefined>,
  ): Promise<T> {
    return (
      await this.transport.request<T>(method, path, { body, ...(query === undefined ? {} : { query }) })
    ).result;
  }

  async #list<T>(path: string, query: Record<string, string | number | undefined>): Promise<Page<T>> {
    const { result, resultInfo } = await this.transport.request<T[]>('GET', path, { query });
    return { items: result, resultInfo };
  }
}

/** Creates a {@link PortcullisClient}. */
export function createClient(options: TransportOptions): PortcullisClient {
  return new PortcullisClient(options);
}

function seg(value: string): string {
  return encodeURIComponent(value);
}
