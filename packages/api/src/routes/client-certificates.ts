// `/zones/{zone_id}/client_certificates`: issue from a CSR (or a generated key), list, get, revoke, reactivate.
import { CLIENT_CERTIFICATE_STATUSES } from '@portcullis/model';
import type { ClientCertificate, ClientCertificateStatus, ClientCertificateWithKey } from '@portcullis/model';
import { generateKeyAndCsr, signCsr, toPkcs12 } from '@portcullis/pki';
import type { Store, StoreRepositories, StoreTransaction } from '@portcullis/store';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { clientCertificateSchema, managedCaSchema, responses } from '../schemas.js';
import { audit } from '../services/audit.js';
import { crlUrl, signingMaterial } from '../services/managed-ca.js';
import { pkiInput } from '../services/pki-input.js';
import { optionalBody } from '../validation.js';
import { apiBasePath } from '../services/urls.js';
import { checkId, idSchema, requireZone, type RoutePlugin } from './common.js';
import type { ApiContext } from '../context.js';

/** Longest accepted validity (20 years; also capped by the CA's own lifetime). */
const maxValidityDays = 7300;
const keyTypes = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'] as const;
const subjectField = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));

const createBody = Type.Object(
  {
    csr: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 65536,
        description: 'PEM CSR (Cloudflare: "must be newline-encoded")',
      }),
    ),
    validity_days: Type.Integer({ minimum: 1, maximum: maxValidityDays }),
    generate_key: Type.Optional(
      Type.Object(
        {
          key_type: Type.Optional(Type.Union(keyTypes.map((k) => Type.Literal(k)))),
          subject: Type.Optional(
            Type.Object(
              {
                common_name: subjectField,
                organization: subjectField,
                organizational_unit: subjectField,
                country: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
                state: subjectField,
                location: subjectField,
              },
              { additionalProperties: false },
            ),
          ),
          pkcs12_password: Type.Optional(
            Type.String({
              minLength: 4,
              maxLength: 1024,
              description:
                'Also return the certificate, key and CA as a PKCS#12 file (base64 `pkcs12`) under this password, for browsers, iOS, Android and Java',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'Portcullis addition: generate the key pair here (`key_type`, `subject`); the private key, and with `pkcs12_password` a base64 PKCS#12 file `pkcs12`, are returned once',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const statusFilter = Type.Union([
  Type.Literal('all'),
  ...CLIENT_CERTIFICATE_STATUSES.map((s) => Type.Literal(s)),
]);

const listQuery = Type.Object({
  ...pageQuery,
  status: Type.Optional(statusFilter),
  expires_before: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'Portcullis addition: only certificates expiring before this time',
    }),
  ),
  expiring_within_days: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: maxValidityDays,
      description:
        'Portcullis addition: only certificates expiring within this many days from now (expired ones included)',
    }),
  ),
  order: Type.Optional(
    Type.Union([Type.Literal('created_on'), Type.Literal('expires_on')], {
      description:
        'Portcullis addition: `created_on` (default, newest first) or `expires_on` (soonest expiry first)',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const params = Type.Object({ zone_id: idSchema, client_certificate_id: idSchema });

/** Registers the client-certificate routes and the managed-CA details route. */
export const clientCertificateRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'client_certificates', level: 'read' } } as const;
  const edit = { auth: { family: 'client_certificates', level: 'edit' } } as const;

  app.post(
    '/zones/:zone_id/client_certificates',
    {
      config: edit,
      schema: {
        tags: ['client_certificates'],
        summary: 'Create a client certificate from a CSR (or a generated key)',
        params: Type.Object({ zone_id: idSchema }),
        body: createBody,
        response: responses(clientCertificateSchema),
      },
    },
    async (request) => {
      const { csr, generate_key: generate, validity_days: validityDays } = request.body;
      if ((csr === undefined) === (generate === undefined)) {
        throw new ApiError('API_VALIDATION', 'body must have exactly one of "csr" or "generate_key"');
      }
      const zone = await requireZone(store, request.params.zone_id);
      const ca = await store.certificateAuthorities.getForZone(zone.id);
      if (ca === undefined) throw new ApiError('API_NOT_FOUND', `zone ${zone.id} has no managed CA`);
      const count = await store.clientCertificates.count(zone.id);
      if (count >= context.limits.maxClientCertificatesPerZone) {
        throw new ApiError(
          'API_CERTIFICATE_LIMIT',
          `zone ${zone.id} already has ${count} client certificates (limit ${context.limits.maxClientCertificatesPerZone})`,
        );
      }
      let csrPem = csr;
      let privateKeyPem: string | undefined;
      if (generate !== undefined) {
        const generated = await pkiInput('API_VALIDATION', 'invalid generate_key', () =>
          generateKeyAndCsr({
            subject: generate.subject ?? { common_name: 'Portcullis client' },
            ...(generate.key_type === undefined ? {} : { keyType: generate.key_type }),
          }),
        );
        csrPem = generated.csrPem;
        privateKeyPem = generated.privateKeyPem;
      }
      const signing = await signingMaterial(context, store, ca);
      const distribution = crlUrl(context, ca.id);
      const issued = await pkiInput(
        'API_INVALID_CSR',
        'invalid csr',
        () =>
          signCsr({
            csrPem: csrPem!,
            ca: signing,
            validityDays,
            now: context.now(),
            ...(distribution === undefined ? {} : { crlDistributionUrl: distribution }),
          }),
        { PKI_INVALID_ARGUMENT: 'API_VALIDATION' },
      );
      const { info } = issued;
      const created = await store.transaction(async (tx) => {
        const row = await tx.clientCertificates.create({
          zone_id: zone.id,
          certificate_authority_id: ca.id,
          certificate: issued.certificatePem,
          csr: csrPem!,
          ski: info.skiHex,
          serial_number: info.serialDecimal,
          serial_hex: info.serialHex,
          signature: info.signatureAlgorithm,
          common_name: info.subject.common_name ?? '',
          organization: info.subject.organization ?? '',
          organizational_unit: info.subject.organizational_unit ?? '',
          country: info.subject.country ?? '',
          state: info.subject.state ?? '',
          location: info.subject.location ?? '',
          issued_on: info.notBefore.toISOString(),
          expires_on: info.notAfter.toISOString(),
          fingerprint_sha256: info.fingerprintSha256,
          validity_days: validityDays,
        });
        await audit(tx, request, {
          action: 'create',
          resourceType: 'client_certificate',
          resourceId: row.id,
          accountId: zone.account.id,
          zoneId: zone.id,
          details: { serial_hex: info.serialHex, key_generated: privateKeyPem !== undefined },
        });
        return row;
      });
      if (privateKeyPem === undefined) return ok(created);
      const password = generate?.pkcs12_password;
      const pkcs12 =
        password === undefined
          ? undefined
          : await toPkcs12({
              certificatePem: issued.certificatePem,
              privateKeyPem,
              chainPems: [signing.certificatePem],
              password,
              friendlyName: info.subject.common_name ?? 'Portcullis client',
            });
      const withKey: ClientCertificateWithKey = {
        ...created,
        private_key: privateKeyPem,
        ...(pkcs12 === undefined ? {} : { pkcs12: Buffer.from(pkcs12).toString('base64') }),
      };
      return ok(withKey);
    },
  );

  app.get(
    '/zones/:zone_id/client_certificates',
    {
      config: read,
      schema: {
        tags: ['client_certificates'],
        summary: 'List client certificates, by status, expiry and page',
        params: Type.Object({ zone_id: idSchema }),
        querystring: listQuery,
        response: responses(Type.Array(clientCertificateSchema), { list: true }),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const q = request.query;
      const status: ClientCertificateStatus | 'all' = q.status ?? 'all';
      const expiresBefore = expiryBound(q.expires_before, q.expiring_within_days, context.now());
      const filter = {
        status,
        ...(expiresBefore === undefined ? {} : { expires_before: expiresBefore }),
        ...(q.order === undefined ? {} : { order: q.order }),
      };
      const window = resolveWindow(q);
      if (window.offset % window.perPage === 0) {
        const result = await store.clientCertificates.list(zone.id, {
          ...filter,
          page: window.page,
          per_page: window.perPage,
        });
        return page(result.items, pageInfo(window, result.items.length, result.total_count));
      }
      // An offset that is not a multiple of the limit spans two store pages.
      const first = Math.floor(window.offset / window.perPage) + 1;
      const a = await store.clientCertificates.list(zone.id, {
        ...filter,
        page: first,
        per_page: window.perPage,
      });
      const b = await store.clientCertificates.list(zone.id, {
        ...filter,
        page: first + 1,
        per_page: window.perPage,
      });
      const skip = window.offset % window.perPage;
      const items = [...a.items, ...b.items].slice(skip, skip + window.perPage);
      return page(items, pageInfo(window, items.length, a.total_count));
    },
  );

  app.get(
    '/zones/:zone_id/client_certificates/:client_certificate_id',
    {
      config: read,
      schema: {
        tags: ['client_certificates'],
        summary: 'Client certificate details',
        params,
        response: responses(clientCertificateSchema),
      },
    },
    async (request) =>
      ok(await requireCertificate(store, request.params.zone_id, request.params.client_certificate_id)),
  );

  app.delete(
    '/zones/:zone_id/client_certificates/:client_certificate_id',
    {
      config: edit,
      schema: {
        tags: ['client_certificates'],
        summary: 'Revoke a client certificate (pending_revocation, enforced at once)',
        description:
          'Answers pending_revocation as Cloudflare does. The edge and the CRL treat the certificate as revoked from this response on; the status becomes revoked when the serve loop settles pending changes (settleRevocations).',
        params,
        response: responses(clientCertificateSchema),
      },
    },
    async (request) => {
      const { zone_id: zoneId, client_certificate_id: certificateId } = request.params;
      return ok(
        await changeStatus(store, request, zoneId, certificateId, 'revoke', (tx, zone, id) =>
          tx.clientCertificates.revoke(zone, id, { pending: true }),
        ),
      );
    },
  );

  app.patch(
    '/zones/:zone_id/client_certificates/:client_certificate_id',
    {
      config: edit,
      schema: {
        tags: ['client_certificates'],
        summary: 'Reactivate a revoked client certificate',
        description: 'An empty body also reactivates (the official SDK may send none).',
        params,
        body: optionalBody(
          Type.Object({ reactivate: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        ),
        response: responses(clientCertificateSchema),
      },
    },
    async (request) => {
      if (request.body?.reactivate === false) {
        throw new ApiError(
          'API_VALIDATION',
          'body.reactivate must be true: it is the only change this endpoint makes',
        );
      }
      const { zone_id: zoneId, client_certificate_id: certificateId } = request.params;
      return ok(
        await changeStatus(store, request, zoneId, certificateId, 'reactivate', (tx, zone, id) =>
          tx.clientCertificates.reactivate(zone, id, { pending: false }),
        ),
      );
    },
  );

  app.get(
    '/zones/:zone_id/certificate_authorities/managed',
    {
      config: read,
      schema: {
        tags: ['client_certificates'],
        summary: "The zone's managed CA: certificate, SKI to pin, download URLs",
        params: Type.Object({ zone_id: idSchema }),
        response: responses(managedCaSchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const ca = await store.certificateAuthorities.getForZone(zone.id);
      if (ca === undefined) throw new ApiError('API_NOT_FOUND', `zone ${zone.id} has no managed CA`);
      return ok({ ...ca, urls: downloadUrls(context, ca.id) });
    },
  );
};

/** The `expires_before` bound of a list (RFC 3339 UTC, as stored) from either query form; 400 for both or a bad date. */
function expiryBound(
  expiresBefore: string | undefined,
  withinDays: number | undefined,
  now: Date,
): string | undefined {
  if (expiresBefore !== undefined && withinDays !== undefined) {
    throw new ApiError(
      'API_VALIDATION',
      'query has both "expires_before" and "expiring_within_days": give at most one',
    );
  }
  if (withinDays !== undefined) return new Date(now.getTime() + withinDays * 86_400_000).toISOString();
  if (expiresBefore === undefined) return undefined;
  const date = new Date(expiresBefore);
  if (Number.isNaN(date.getTime())) {
    throw new ApiError('API_VALIDATION', `query.expires_before is not a valid date-time: "${expiresBefore}"`);
  }
  return date.toISOString();
}

/** Where a managed CA's certificate and CRL can be downloaded (no token needed). */
export function downloadUrls(
  context: ApiContext,
  caId: string,
): Record<'certificate_pem' | 'certificate_der' | 'crl_pem' | 'crl_der', string> {
  const base = `${context.publicBaseUrl ?? ''}${apiBasePath}/pki/ca/${caId}`;
  return {
    certificate_pem: `${base}/certificate.pem`,
    certificate_der: `${base}/certificate.der`,
    crl_pem: `${base}/crl.pem`,
    crl_der: `${base}/crl.der`,
  };
}

/** Revokes or reactivates (`change`) a certificate of a zone and records it in the audit log, in one transaction. */
async function changeStatus(
  store: Store,
  request: FastifyRequest,
  zoneIdParam: string,
  idParam: string,
  action: 'revoke' | 'reactivate',
  change: (tx: StoreTransaction, zoneId: string, id: string) => Promise<ClientCertificate>,
): Promise<ClientCertificate> {
  const zone = await requireZone(store, zoneIdParam);
  const id = checkId(idParam, 'client certificate id');
  return store.transaction(async (tx) => {
    await requireCertificate(tx, zone.id, id);
    const row = await change(tx, zone.id, id);
    await audit(tx, request, {
      action,
      resourceType: 'client_certificate',
      resourceId: id,
      accountId: zone.account.id,
      zoneId: zone.id,
      details: { status: row.status },
    });
    return row;
  });
}

async function requireCertificate(
  repos: StoreRepositories,
  zoneId: string,
  id: string,
): Promise<ClientCertificate> {
  checkId(zoneId, 'zone id');
  checkId(id, 'client certificate id');
  const certificate = await repos.clientCertificates.get(zoneId, id);
  if (certificate === undefined) {
    if ((await repos.zones.get(zoneId)) === undefined)
      throw new ApiError('API_NOT_FOUND', `zone ${zoneId} not found`);
    throw new ApiError('API_NOT_FOUND', `client certificate ${id} not found in zone ${zoneId}`);
  }
  return certificate;
}
