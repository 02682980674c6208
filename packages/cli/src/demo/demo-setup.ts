// Configures the demo through the API, idempotently: zone, mTLS host, managed-CA association, seed rule, client certificate.
import { existsSync, readFileSync } from 'node:fs';
import type { ClientCertificate, ClientCertificateWithKey, Hostname, Zone } from '@portcullis/model';
import { isPortcullisClientError, type PortcullisClient, type RuleInput } from '@portcullis/client';

/** The demo's names. */
export const demoZoneName = 'example.test';
export const demoHostname = 'api.example.test';
/** The `ref` that marks the demo's rule, so a re-run finds it instead of adding a second one. */
export const demoRuleRef = 'portcullis-demo-mtls';
/** The seed rule of the API Shield mTLS guide, revocation included. */
export const demoRuleExpression =
  '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.request.uri.path in {"/admin"}';

/** The password of the demo's PKCS#12 file (printed with the next steps; it protects nothing secret). */
export const demoP12Password = 'portcullis';

/** What the demo set up. */
export interface DemoState {
  readonly zone: Zone;
  readonly host: Hostname;
  readonly rulesetId: string;
  readonly ruleId: string;
  /** The certificate the demo hands out; `privateKeyPem` only when it was just issued. */
  readonly certificate: ClientCertificate;
  readonly privateKeyPem: string | undefined;
  readonly reusedCertificate: boolean;
  readonly managedCaPem: string;
}

/**
 * Brings the API's state to the demo's: creates what is missing, points the host at the current
 * origin, and issues a client certificate unless the one recorded in `existingCertificateFile`
 * (the id of an earlier run) is still active.
 */
export async function setupDemo(
  api: PortcullisClient,
  options: { originUrl: string; existingCertificateId?: string | undefined },
): Promise<DemoState> {
  const accounts = await api.accounts.list();
  const account = accounts.items[0];
  if (account === undefined) throw new Error('the API has no account; was it bootstrapped?');

  const zone =
    (await api.zones.list({ name: demoZoneName })).items.find(
      (candidate) => candidate.name === demoZoneName,
    ) ?? (await api.zones.create({ name: demoZoneName, account: { id: account.id } }));

  const hosts = await api.hostnames.list(zone.id, { per_page: 1000 });
  const existingHost = hosts.items.find((candidate) => candidate.hostname === demoHostname);
  const wanted = {
    origin: options.originUrl,
    origin_tls_verify: false,
    mtls_mode: 'optional' as const,
    forward_client_certificate: true,
  };
  const host =
    existingHost === undefined
      ? await api.hostnames.create(zone.id, { hostname: demoHostname, ...wanted })
      : existingHost.origin === options.originUrl
        ? existingHost
        : await api.hostnames.update(zone.id, existingHost.id, wanted);

  const associated = await api.hostnameAssociations.get(zone.id);
  if (!associated.hostnames.includes(demoHostname)) await api.hostnameAssociations.add(zone.id, demoHostname);

  const { rulesetId, ruleId } = await ensureSeedRule(api, zone.id);

  const managedCa = await api.zones.managedCa(zone.id);
  let certificate: ClientCertificate | undefined;
  if (options.existingCertificateId !== undefined) {
    try {
      const previous = await api.clientCertificates.get(zone.id, options.existingCertificateId);
      if (previous.status === 'active') certificate = previous;
    } catch (error) {
      if (!isPortcullisClientError(error) || error.status !== 404) throw error;
    }
  }
  if (certificate !== undefined) {
    return {
      zone,
      host,
      rulesetId,
      ruleId,
      certificate,
      privateKeyPem: undefined,
      reusedCertificate: true,
      managedCaPem: managedCa.certificate,
    };
  }
  const issued = (await api.clientCertificates.create(zone.id, {
    generate_key: {
      key_type: 'ecdsa-p256',
      subject: { common_name: 'portcullis-demo-client', organization: 'Portcullis demo' },
    },
    validity_days: 365,
  })) as ClientCertificateWithKey;
  if (typeof issued.private_key !== 'string')
    throw new Error('the API did not return the generated private key');
  return {
    zone,
    host,
    rulesetId,
    ruleId,
    certificate: issued,
    privateKeyPem: issued.private_key,
    reusedCertificate: false,
    managedCaPem: managedCa.certificate,
  };
}

async function ensureSeedRule(
  api: PortcullisClient,
  zoneId: string,
): Promise<{ rulesetId: string; ruleId: string }> {
  const seed: RuleInput = {
    ref: demoRuleRef,
    action: 'block',
    expression: demoRuleExpression,
    description: 'mTLS: /admin needs a valid, unrevoked client certificate',
    enabled: true,
  };
  let existing;
  try {
    existing = await api.rulesets.getEntrypoint(zoneId);
  } catch (error) {
    if (!isPortcullisClientError(error) || error.status !== 404) throw error;
  }
  const found = existing?.rules.find((rule) => rule.ref === demoRuleRef);
  if (existing !== undefined && found !== undefined) {
    if (found.expression === demoRuleExpression && found.action === 'block' && found.enabled)
      return { rulesetId: existing.id, ruleId: found.id };
    const updated = await api.rulesets.editRule(zoneId, existing.id, found.id, seed);
    return { rulesetId: updated.id, ruleId: found.id };
  }
  if (existing !== undefined) {
    const updated = await api.rulesets.createRule(zoneId, existing.id, { ...seed, position: { index: 1 } });
    const rule = updated.rules.find((candidate) => candidate.ref === demoRuleRef);
    if (rule === undefined) throw new Error('the demo rule was not saved');
    return { rulesetId: updated.id, ruleId: rule.id };
  }
  const created = await api.rulesets.putEntrypoint(zoneId, {
    name: 'default',
    description: 'custom rules of example.test',
    rules: [seed],
  });
  const rule = created.rules.find((candidate) => candidate.ref === demoRuleRef);
  if (rule === undefined) throw new Error('the demo rule was not saved');
  return { rulesetId: created.id, ruleId: rule.id };
}

/** Reads the certificate id recorded by an earlier run, if any. */
export function readRecordedCertificateId(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
    return typeof recorded.id === 'string' ? recorded.id : undefined;
  } catch {
    return undefined;
  }
}
