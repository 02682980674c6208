// `/accounts/{account_id}/mtls_certificates`: uploaded CAs (BYOCA), their associations and their CRLs.
import { parseCaBundle } from '@portcullis/pki';
import type { MtlsCertificate } from '@portcullis/model';
import type { StoreRepositories } from '@portcullis/store';
import { Type } from 'typebox';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo } from '../pagination.js';
import { crlSchema, idResultSchema, mtlsCertificateSchema, responses } from '../schemas.js';
import { audit } from '../services/audit.js';
import { checkCrlUrl, crlRefresh, downloadCrl, requireCrl, verifiedCrl } from '../services/crl.js';
import { pkiInput } from '../services/pki-input.js';
import { checkId, idSchema, requireAccount, type RoutePlugin } from './common.js';

const createBody = Type.Object(
  {
    ca: Type.Boolean({ description: 'must be true: Portcullis stores CAs that verify client certificates' }),
    certificates: Type.String({ minLength: 1, maxLength: 262144, description: 'PEM, issuing CA first' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    private_key: Type.Optional(
      Type.String({ description: 'sent by the SDK for other Cloudflare services; refused here' }),
    ),
  },
  { additionalProperties: false },
);

const crlBody = Type.Object(
  {
    crl: Type.Optional(
      Type.String({ minLength: 1, maxLength: 900_000, description: 'PEM CRL signed by this CA' }),
    ),
    url: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2048, description: 'http(s) URL to fetch the CRL from' }),
    ),
    refresh_seconds: Type.Optional(Type.Integer({ minimum: crlRefresh.min, maximum: crlRefresh.max })),
  },
  { additionalProperties: false },
);

const params = Type.Object({ account_id: idSchema, mtls_certificate_id: idSchema });
const certificateTypes = ['custom', 'gateway_managed', 'access_managed'] as const;

/** Registers the uploaded-CA routes. */
export const mtlsCertificateRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const read = { auth: { family: 'mtls_certificates', level: 'read' } } as const;
  const edit = { auth: { family: 'mtls_certificates', level: 'edit' } } as const;

  app.post(
    '/accounts/:account_id/mtls_certificates',
    {
      config: edit,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'Upload a CA certificate (bring your own CA)',
        params: Type.Object({ account_id: idSchema }),
        body: createBody,
        response: responses(mtlsCertificateSchema),
      },
    },
    async (request) => {
      const body = request.body;
      if (body.private_key !== undefined) {
        throw new ApiError(
          'API_VALIDATION',
          'body.private_key is not accepted: upload only the CA certificate, never its key',
        );
      }
      if (!body.ca) {
        throw new ApiError(
          'API_VALIDATION',
          'body.ca must be true: only CA certificates can verify client certificates',
        );
      }
      const account = await requireAccount(store, request.params.account_id);
      const bundle = await pkiInput(
        'API_INVALID_CERTIFICATE',
        'invalid certificates',
        () => parseCaBundle(body.certificates, { now: context.now() }),
        { PKI_NOT_A_CA: 'API_NOT_A_CA' },
      );
      const count = await store.mtlsCertificates.count(account.id);
      if (count >= context.limits.maxUploadedCas) {
        throw new ApiError(
          'API_CA_LIMIT',
          `Hit maximum CA cert allocation. (${context.limits.maxUploadedCas} per account)`,
        );
      }
      const { info } = bundle;
      const created = await store.transaction(async (tx) => {
        const row = await tx.mtlsCertificates.create({
          account_id: account.id,
          name: body.name ?? null,
          ca: true,
          certificates: bundle.certificates.join(''),
          issuer: info.issuerDn,
          serial_number: info.serialDecimal,
          signature: info.signatureAlgorithm,
          ski: info.skiHex,
          expires_on: info.notAfter.toISOString(),
        });
        await audit(tx, request, {
          action: 'create',
          resourceType: 'mtls_certificate',
          resourceId: row.id,
          accountId: account.id,
          details: { name: row.name, ski: row.ski, subject: info.subjectDn },
        });
        return row;
      });
      return ok(created);
    },
  );

  app.get(
    '/accounts/:account_id/mtls_certificates',
    {
      config: read,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'List uploaded certificates',
        params: Type.Object({ account_id: idSchema }),
        querystring: Type.Object({
          type: Type.Optional(
            Type.Union([
              Type.String({ maxLength: 200 }),
              Type.Array(Type.String({ maxLength: 50 }), { maxItems: 10 }),
            ]),
          ),
        }),
        response: responses(Type.Array(mtlsCertificateSchema), { list: true }),
      },
    },
    async (request) => {
      const account = await requireAccount(store, request.params.account_id);
      const types = parseTypes(request.query.type);
      const all = await listAll(store, account.id);
      const items = all.filter((c) => types === undefined || types.includes(c.type));
      return page(
        items,
        pageInfo({ page: 1, perPage: Math.max(items.length, 1), offset: 0 }, items.length, items.length),
      );
    },
  );

  app.get(
    '/accounts/:account_id/mtls_certificates/:mtls_certificate_id',
    {
      config: read,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'Uploaded certificate details',
        params,
        response: responses(mtlsCertificateSchema),
      },
    },
    async (request) =>
      ok(await requireMtls(store, request.params.account_id, request.params.mtls_certificate_id)),
  );

  app.delete(
    '/accounts/:account_id/mtls_certificates/:mtls_certificate_id',
    {
      config: edit,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'Delete an uploaded certificate (refused while hostnames are associated with it)',
        params,
        response: responses(mtlsCertificateSchema),
      },
    },
    async (request) => {
      const { account_id: accountId, mtls_certificate_id: id } = request.params;
      const deleted = await store.transaction(async (tx) => {
        const row = await requireMtls(tx, accountId, id);
        const associations = await tx.hostnameAssociations.listForMtlsCertificate(row.id);
        if (associations.length > 0) {
          const names = associations
            .map((a) => a.hostname)
            .slice(0, 10)
            .join(', ');
          throw new ApiError(
            'API_CA_IN_USE',
            `mtls certificate ${row.id} is associated with ${associations.length} hostname(s) (${names}): remove the hostname associations first`,
          );
        }
        await tx.mtlsCertificates.delete(accountId, row.id);
        await audit(tx, request, {
          action: 'delete',
          resourceType: 'mtls_certificate',
          resourceId: row.id,
          accountId,
          details: { name: row.name },
        });
        return row;
      });
      return ok(deleted);
    },
  );

  app.get(
    '/accounts/:account_id/mtls_certificates/:mtls_certificate_id/associations',
    {
      config: read,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'Where an uploaded certificate is used',
        params,
        response: responses(
          Type.Array(
            Type.Object({
              service: Type.String(),
              status: Type.String(),
              hostname: Type.String(),
              zone_id: Type.String(),
            }),
          ),
          { list: true },
        ),
      },
    },
    async (request) => {
      const row = await requireMtls(store, request.params.account_id, request.params.mtls_certificate_id);
      const associations = await store.hostnameAssociations.listForMtlsCertificate(row.id);
      const items = associations.map((a) => ({
        service: 'mtls_hostname',
        status: 'active',
        hostname: a.hostname,
        zone_id: a.zone_id,
      }));
      return page(
        items,
        pageInfo({ page: 1, perPage: Math.max(items.length, 1), offset: 0 }, items.length, items.length),
      );
    },
  );

  app.put(
    '/accounts/:account_id/mtls_certificates/:mtls_certificate_id/crl',
    {
      config: edit,
      schema: {
        tags: ['mtls_certificates'],
        summary:
          'Set the CRL of an uploaded CA: a PEM, or a URL fetched now and refreshed (Portcullis addition)',
        params,
        body: crlBody,
        response: responses(crlSchema),
      },
    },
    async (request) => {
      const body = request.body;
      if ((body.crl === undefined) === (body.url === undefined)) {
        throw new ApiError('API_VALIDATION', 'body must have exactly one of "crl" or "url"');
      }
      if (body.crl !== undefined && body.refresh_seconds !== undefined) {
        throw new ApiError('API_VALIDATION', 'body.refresh_seconds applies to a url only');
      }
      const { account_id: accountId } = request.params;
      const row = await requireMtls(store, accountId, request.params.mtls_certificate_id);
      let input;
      if (body.crl !== undefined) {
        input = verifiedCrl(body.crl, row, context.now(), {
          source: 'upload',
          url: null,
          refresh_seconds: null,
        });
      } else {
        const url = checkCrlUrl(body.url!);
        let downloaded: string | Uint8Array;
        try {
          downloaded = await downloadCrl(context.fetch, url);
        } catch (error) {
          throw new ApiError(
            'API_CRL_FETCH_FAILED',
            error instanceof Error ? error.message : 'could not fetch the crl',
          );
        }
        input = verifiedCrl(downloaded, row, context.now(), {
          source: 'url',
          url,
          refresh_seconds: body.refresh_seconds ?? crlRefresh.default,
        });
      }
      const crl = await store.transaction(async (tx) => {
        const stored = await tx.mtlsCertificates.setCrl(accountId, row.id, input);
        await audit(tx, request, {
          action: 'set_crl',
          resourceType: 'crl',
          resourceId: row.id,
          accountId,
          details: {
            source: input.source,
            url: input.url,
            entries: input.revoked_serials.length,
            crl_number: input.crl_number,
          },
        });
        return stored;
      });
      return ok(crl);
    },
  );

  app.get(
    '/accounts/:account_id/mtls_certificates/:mtls_certificate_id/crl',
    {
      config: read,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'CRL status of an uploaded CA',
        params,
        response: responses(crlSchema),
      },
    },
    async (request) => {
      const row = await requireMtls(store, request.params.account_id, request.params.mtls_certificate_id);
      return ok(await requireCrl(store, request.params.account_id, row.id));
    },
  );

  app.delete(
    '/accounts/:account_id/mtls_certificates/:mtls_certificate_id/crl',
    {
      config: edit,
      schema: {
        tags: ['mtls_certificates'],
        summary: 'Remove the CRL of an uploaded CA',
        params,
        response: responses(idResultSchema),
      },
    },
    async (request) => {
      const { account_id: accountId } = request.params;
      const row = await requireMtls(store, accountId, request.params.mtls_certificate_id);
      await store.transaction(async (tx) => {
        await requireCrl(tx, accountId, row.id);
        await tx.mtlsCertificates.deleteCrl(accountId, row.id);
        await audit(tx, request, {
          action: 'delete_crl',
          resourceType: 'crl',
          resourceId: row.id,
          accountId,
        });
      });
      return ok({ id: row.id });
    },
  );
};

async function requireMtls(
  repos: StoreRepositories,
  accountId: string,
  id: string,
): Promise<MtlsCertificate> {
  await requireAccount(repos, accountId);
  checkId(id, 'mtls certificate id');
  const row = await repos.mtlsCertificates.get(accountId, id);
  if (row === undefined) throw new ApiError('API_NOT_FOUND', `mtls certificate ${id} not found`);
  return row;
}

async function listAll(repos: StoreRepositories, accountId: string): Promise<MtlsCertificate[]> {
  const items: MtlsCertificate[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const result = await repos.mtlsCertificates.list(accountId, { page: pageNumber, per_page: 1000 });
    items.push(...result.items);
    if (items.length >= result.total_count || result.items.length === 0) return items;
  }
}

function parseTypes(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const types = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const type of types) {
    if (!(certificateTypes as readonly string[]).includes(type)) {
      throw new ApiError(
        'API_INVALID_QUERY',
        `query.type "${type}" must be one of ${certificateTypes.join(', ')}`,
      );
    }
  }
  return types;
}
