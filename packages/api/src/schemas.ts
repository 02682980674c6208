// JSON Schemas of the resources as the API returns them, for the OpenAPI document.
import { Type, type TSchema } from 'typebox';
import { envelopeSchema, errorEnvelopeSchema } from './envelope.js';

const s = Type.String();
const sn = Type.Union([Type.String(), Type.Null()]);
const ts = Type.String({ format: 'date-time' });

/** `Account`. */
export const accountSchema = Type.Object({ id: s, name: s, type: s, created_on: ts });

/** `Zone`. */
export const zoneSchema = Type.Object({
  id: s,
  name: s,
  status: s,
  paused: Type.Boolean(),
  type: s,
  account: Type.Object({ id: s, name: s }),
  created_on: ts,
  modified_on: ts,
  activated_on: sn,
});

/** `Hostname`. */
export const hostnameSchema = Type.Object({
  id: s,
  zone_id: s,
  hostname: s,
  origin: s,
  origin_tls_verify: Type.Boolean(),
  origin_ca: sn,
  edge_certificate: Type.Object({
    source: Type.Union([Type.Literal('uploaded'), Type.Literal('managed')]),
    certificate: s,
    issuer: s,
    serial_number: s,
    fingerprint_sha256: s,
    expires_on: ts,
  }),
  mtls_mode: Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')]),
  forward_client_certificate: Type.Boolean(),
  created_on: ts,
  modified_on: ts,
});

/** `ClientCertificate` (plus `private_key`, and `pkcs12` when asked, once, when Portcullis generated the key). */
export const clientCertificateSchema = Type.Object({
  id: s,
  certificate: s,
  certificate_authority: Type.Object({ id: s, name: s }),
  csr: s,
  ski: s,
  serial_number: s,
  signature: s,
  common_name: s,
  organization: s,
  organizational_unit: s,
  country: s,
  state: s,
  location: s,
  issued_on: ts,
  expires_on: ts,
  fingerprint_sha256: s,
  validity_days: Type.Integer(),
  status: Type.Union(
    ['active', 'pending_reactivation', 'pending_revocation', 'revoked'].map((v) => Type.Literal(v)),
  ),
  revoked_at: sn,
  private_key: Type.Optional(s),
  pkcs12: Type.Optional(s),
});

/** The zone's managed CA with its download URLs. */
export const managedCaSchema = Type.Object({
  id: s,
  zone_id: s,
  name: s,
  certificate: s,
  ski: s,
  serial: s,
  created_on: ts,
  expires_on: ts,
  urls: Type.Object({ certificate_pem: s, certificate_der: s, crl_pem: s, crl_der: s }),
});

/** `MTLSCertificate`. */
export const mtlsCertificateSchema = Type.Object({
  id: s,
  name: sn,
  ca: Type.Boolean(),
  certificates: s,
  issuer: s,
  serial_number: s,
  signature: s,
  ski: s,
  type: s,
  expires_on: ts,
  uploaded_on: ts,
  updated_at: ts,
});

/** CRL status of an uploaded CA. */
export const crlSchema = Type.Object({
  mtls_certificate_id: s,
  source: s,
  url: sn,
  refresh_seconds: Type.Union([Type.Integer(), Type.Null()]),
  crl_number: sn,
  this_update: sn,
  next_update: sn,
  entries: Type.Integer(),
  last_fetched_at: sn,
  last_error: sn,
  updated_at: ts,
});

/** `{hostnames}` of a hostname association. */
export const hostnameAssociationsSchema = Type.Object({ hostnames: Type.Array(s) });

/** A rule as returned. */
export const ruleSchema = Type.Object({
  id: s,
  version: s,
  last_updated: ts,
  action: s,
  action_parameters: Type.Optional(Type.Object({}, { additionalProperties: true })),
  expression: s,
  description: s,
  enabled: Type.Boolean(),
  logging: Type.Optional(Type.Object({ enabled: Type.Boolean() })),
  ref: s,
});

/** A ruleset as returned. */
export const rulesetSchema = Type.Object({
  id: s,
  name: s,
  description: s,
  kind: s,
  phase: s,
  version: s,
  last_updated: ts,
  rules: Type.Array(ruleSchema),
});

/** `ApiToken` (with `value` once, at creation). */
export const apiTokenSchema = Type.Object({
  id: s,
  name: s,
  status: s,
  permissions: Type.Record(s, Type.Union([Type.Literal('read'), Type.Literal('edit')])),
  issued_on: ts,
  modified_on: ts,
  last_used_on: sn,
  expires_on: sn,
  value: Type.Optional(s),
});

/** `AuditEntry`. */
export const auditEntrySchema = Type.Object({
  id: s,
  when: ts,
  actor: Type.Object({ type: s, id: sn, name: sn, ip: sn }),
  action: s,
  resource: Type.Object({ type: s, id: sn }),
  account_id: sn,
  zone_id: sn,
  details: Type.Object({}, { additionalProperties: true }),
});

/** `SecurityEvent`. */
export const securityEventSchema = Type.Object({
  id: s,
  occurred_at: ts,
  ray_id: s,
  zone_id: sn,
  host: s,
  method: s,
  path: s,
  client_ip: s,
  ruleset_id: sn,
  rule_id: sn,
  action: s,
  client_auth: Type.Object({
    cert_presented: Type.Boolean(),
    cert_verified: Type.Boolean(),
    cert_revoked: Type.Boolean(),
    cert_serial: s,
    cert_issuer_ski: s,
    cert_fingerprint_sha256: s,
  }),
  count: Type.Integer({
    minimum: 1,
    description:
      'matches this event stands for; identical matches within one second are folded into one event',
  }),
});

const count = Type.Integer({ minimum: 0 });

/** Result of `GET /zones/{zone_id}/security_events/summary`. */
export const securityEventSummarySchema = Type.Object({
  since: ts,
  until: Type.Union([ts, Type.Null()]),
  total: count,
  by_rule: Type.Array(Type.Object({ rule_id: sn, description: sn, count })),
  by_host: Type.Array(Type.Object({ host: s, count })),
  by_certificate: Type.Array(Type.Object({ fingerprint_sha256: s, serial: s, common_name: sn, count })),
});

/** The standard responses of a route whose success result is `result`. */
export function responses(
  result: TSchema,
  options?: { list?: boolean; status?: number },
): Record<number, TSchema> {
  return {
    [options?.status ?? 200]: envelopeSchema(result, options),
    400: errorEnvelopeSchema,
    401: errorEnvelopeSchema,
    403: errorEnvelopeSchema,
    404: errorEnvelopeSchema,
  };
}

/** `{id}` results of deletions. */
export const idResultSchema = Type.Object({ id: s });
