// Maps the store's rows to the edge's EdgeConfig: hosts with opened keys and trust stores, zones' rules, revoked serials.
import type {
  CertificateAuthority,
  Hostname,
  HostnameAssociation,
  MtlsCertificate,
  Rule,
  Zone,
} from '@portcullis/model';
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import type { EdgeCredentials, Store, ZoneRuleset } from '@portcullis/store';
import type { EdgeConfig, EdgeHost, EdgeTrustedCa } from './edge-types.js';

/** Everything the mapping reads, as the store returns it (one read per repository). */
export interface EdgeInputs {
  /** The change-feed version read *before* the rows, so the result is never newer than it claims. */
  readonly version: number;
  readonly zones: readonly Zone[];
  readonly hostnames: readonly Hostname[];
  readonly credentials: readonly EdgeCredentials[];
  readonly managedCas: readonly CertificateAuthority[];
  readonly mtlsCertificates: readonly MtlsCertificate[];
  readonly associations: readonly HostnameAssociation[];
  readonly rulesets: readonly ZoneRuleset[];
  /** Non-active client-certificate serials per managed CA id (upper-case hex). */
  readonly managedRevocations: Readonly<Record<string, readonly string[]>>;
  /** Serials listed by each uploaded CA's CRL, per mtls_certificate id (upper-case hex). */
  readonly crlRevocations: Readonly<Record<string, readonly string[]>>;
  /** The `next_update` of each uploaded CA's CRL (null when the list names none), per mtls_certificate id. */
  readonly crlNextUpdates: Readonly<Record<string, string | null>>;
}

/** A problem that made the mapping leave something out (logged by the caller, never fatal). */
export interface MappingWarning {
  readonly hostname: string;
  readonly message: string;
}

/** Options of {@link buildEdgeConfig}. */
export interface BuildEdgeConfigOptions {
  /** Opens a sealed private key (pki's `openSecret` bound to the master key). */
  readonly openKey: (sealed: string) => string;
  /** The host for clients without SNI (config `edge.defaultHost`). */
  readonly defaultHost?: string | undefined;
  /** Receives what was left out and why. */
  readonly warn?: (warning: MappingWarning) => void;
}

/** Reads every row the edge needs; the version first (see {@link EdgeInputs.version}). */
export async function readEdgeInputs(store: Store): Promise<EdgeInputs> {
  const version = await store.changes.version();
  const [
    zones,
    hostnames,
    credentials,
    managedCas,
    mtlsCertificates,
    associations,
    rulesets,
    managedRevocations,
    crlRevocations,
    crlNextUpdates,
  ] = await Promise.all([
    store.zones.listAll(),
    store.hostnames.listAll(),
    store.hostnames.listEdgeCredentials(),
    store.certificateAuthorities.listAll(),
    store.mtlsCertificates.listAll(),
    store.hostnameAssociations.listAll(),
    store.rulesets.listEntrypoints(CUSTOM_RULES_PHASE),
    store.clientCertificates.revokedSerialsByCa(),
    store.mtlsCertificates.crlSerialsByCa(),
    store.mtlsCertificates.crlNextUpdates(),
  ]);
  return {
    version,
    zones,
    hostnames,
    credentials,
    managedCas,
    mtlsCertificates,
    associations,
    rulesets,
    managedRevocations,
    crlRevocations,
    crlNextUpdates,
  };
}

/**
 * Builds the edge's configuration from the store's rows. Pure: the same inputs give the same
 * output. A hostname whose edge key cannot be opened is left out (fail closed: its SNI is then
 * refused) with a warning; a hostname with mTLS on and no trusted CA is kept with an empty trust
 * store, so no client certificate verifies there.
 */
export function buildEdgeConfig(inputs: EdgeInputs, options: BuildEdgeConfigOptions): EdgeConfig {
  const caCertificate = new Map<string, string>();
  for (const ca of inputs.managedCas) caCertificate.set(ca.id, ca.certificate);
  for (const uploaded of inputs.mtlsCertificates)
    if (uploaded.ca) caCertificate.set(uploaded.id, uploaded.certificates);

  const trustedByHostname = new Map<string, EdgeTrustedCa[]>();
  for (const association of inputs.associations) {
    const pem = caCertificate.get(association.ca_id);
    const host = association.hostname.toLowerCase();
    if (pem === undefined) {
      options.warn?.({
        hostname: host,
        message: `associated CA ${association.ca_id} not found; not trusted`,
      });
      continue;
    }
    const list = trustedByHostname.get(host) ?? [];
    // An uploaded CA's CRL stops counting at its next update: the edge then fails closed (THREATS T7).
    const nextUpdate = inputs.crlNextUpdates[association.ca_id];
    if (!list.some((entry) => entry.id === association.ca_id))
      list.push({
        id: association.ca_id,
        certificatePem: pem,
        ...(typeof nextUpdate === 'string' ? { revocationListNextUpdate: nextUpdate } : {}),
      });
    trustedByHostname.set(host, list);
  }

  const credentialsById = new Map(
    inputs.credentials.map((credential) => [credential.hostname_id, credential]),
  );
  const hosts: EdgeHost[] = [];
  for (const hostname of inputs.hostnames) {
    const name = hostname.hostname.toLowerCase();
    const credential = credentialsById.get(hostname.id);
    if (credential === undefined) {
      options.warn?.({ hostname: name, message: 'no edge certificate stored; hostname not served' });
      continue;
    }
    let privateKeyPem: string;
    try {
      privateKeyPem = options.openKey(credential.private_key_sealed);
    } catch (error) {
      options.warn?.({
        hostname: name,
        message: `edge key cannot be opened (${(error as Error).message}); hostname not served`,
      });
      continue;
    }
    const trusted = trustedByHostname.get(name) ?? [];
    if (hostname.mtls_mode !== 'off' && trusted.length === 0) {
      options.warn?.({
        hostname: name,
        message: `mTLS is ${hostname.mtls_mode} but no CA is associated; no certificate will verify`,
      });
    }
    hosts.push({
      hostname: name,
      zoneId: hostname.zone_id,
      mtlsMode: hostname.mtls_mode,
      certificatePem: credential.certificate,
      privateKeyPem,
      trustedCas: trusted.sort((a, b) => a.id.localeCompare(b.id)),
      originUrl: hostname.origin,
      originTlsVerify: hostname.origin_tls_verify,
      ...(hostname.origin_ca === null ? {} : { originCaPem: hostname.origin_ca }),
      forwardClientCertificate: hostname.forward_client_certificate,
    });
  }
  hosts.sort((a, b) => a.hostname.localeCompare(b.hostname));

  const rulesetByZone = new Map<string, { id: string; rules: readonly Rule[] }>();
  for (const entry of inputs.rulesets) rulesetByZone.set(entry.zone_id, entry.ruleset);
  const zones = inputs.zones
    .map((zone) => {
      const ruleset = rulesetByZone.get(zone.id);
      return ruleset === undefined
        ? { id: zone.id, name: zone.name, rules: [] }
        : { id: zone.id, name: zone.name, rulesetId: ruleset.id, rules: [...ruleset.rules] };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const revokedSerials: Record<string, string[]> = {};
  for (const source of [inputs.managedRevocations, inputs.crlRevocations]) {
    for (const [caId, serials] of Object.entries(source)) {
      const known = revokedSerials[caId];
      revokedSerials[caId] = known === undefined ? normalisedSerials(serials) : mergeSerials(known, serials);
    }
  }

  // The edge refuses a default host it does not serve; leave it out (no-SNI clients refused) until it exists.
  const defaultHost = options.defaultHost?.toLowerCase();
  const served = defaultHost !== undefined && hosts.some((entry) => entry.hostname === defaultHost);
  if (defaultHost !== undefined && !served) {
    options.warn?.({
      hostname: defaultHost,
      message: 'the default host is not served; clients without SNI are refused',
    });
  }
  return { version: inputs.version, hosts, zones, revokedSerials, ...(served ? { defaultHost } : {}) };
}

/** Input list → its normalised form, so an unchanged list (same array) is neither re-checked nor copied. */
const normalised = new WeakMap<readonly string[], string[]>();

/**
 * A CA's serials upper-case, unique and sorted (code-unit order), as the edge patches them as
 * deltas. The store already hands them over that way: such a list is returned as it is (the same
 * array, which the edge recognises by reference), checked once per array; any other is copied.
 * The result is shared: never modify it.
 */
function normalisedSerials(serials: readonly string[]): string[] {
  let result = normalised.get(serials);
  if (result === undefined) {
    // The edge only reads the list; handing over the store's own array is what keeps a reload cheap.
    result = isNormalised(serials) ? (serials as string[]) : mergeSerials([], serials);
    normalised.set(serials, result);
  }
  return result;
}

function mergeSerials(known: readonly string[], serials: readonly string[]): string[] {
  return [...new Set([...known, ...serials.map((serial) => serial.toUpperCase())])].sort();
}

/** Strictly increasing and free of lower-case letters. */
function isNormalised(serials: readonly string[]): boolean {
  for (let i = 0; i < serials.length; i++) {
    const serial = serials[i]!;
    if (i > 0 && !(serials[i - 1]! < serial)) return false;
    for (let c = 0; c < serial.length; c++) {
      const code = serial.charCodeAt(c);
      if (code >= 97 && code <= 122) return false;
    }
  }
  return true;
}
