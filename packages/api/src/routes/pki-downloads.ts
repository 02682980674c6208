// Public downloads at stable URLs: managed CA certificates and CRLs (PEM and DER), the edge CA certificate.
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../errors.js';
import { CrlPublisher } from '../services/managed-ca.js';
import { edgeCaCertificate } from '../services/edge-ca.js';
import { pemToDer } from '../services/pem.js';
import { checkId, idSchema, type RoutePlugin } from './common.js';

const formats = ['certificate.pem', 'certificate.der', 'crl.pem', 'crl.der'] as const;

/**
 * Registers `/pki/ca/{ca_id}/{certificate,crl}.{pem,der}` and `/pki/edge-ca/certificate.{pem,der}`.
 * They need no token: relying parties fetch CRLs from the distribution point written into
 * every client certificate, and CA certificates are public by nature.
 */
export const pkiDownloadRoutes: RoutePlugin = (app, context) => {
  const { store } = context;
  const publisher = new CrlPublisher(context);

  app.get(
    '/pki/ca/:ca_id/:file',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['pki'],
        summary: 'Download a managed CA certificate or its current CRL (no token needed)',
        security: [],
        params: Type.Object({ ca_id: idSchema, file: Type.Union(formats.map((f) => Type.Literal(f))) }),
      },
    },
    async (request, reply) => {
      const id = checkId(request.params.ca_id, 'ca id');
      const ca = await store.certificateAuthorities.get(id);
      if (ca === undefined) throw new ApiError('API_NOT_FOUND', `certificate authority ${id} not found`);
      const { file } = request.params;
      const name = `portcullis-${ca.id}`;
      if (file === 'certificate.pem')
        return send(reply, 'application/x-pem-file', `${name}.pem`, ca.certificate);
      if (file === 'certificate.der')
        return send(reply, 'application/pkix-cert', `${name}.cer`, pemToDer(ca.certificate, 'CERTIFICATE'));
      const crl = await publisher.crl(ca);
      if (file === 'crl.pem') return send(reply, 'application/x-pem-file', `${name}.crl.pem`, crl.pem);
      return send(reply, 'application/pkix-crl', `${name}.crl`, crl.der);
    },
  );

  app.get(
    '/pki/edge-ca/:file',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['pki'],
        summary: 'Download the local edge CA certificate (trust it to call auto-issued hostnames)',
        security: [],
        params: Type.Object({
          file: Type.Union([Type.Literal('certificate.pem'), Type.Literal('certificate.der')]),
        }),
      },
    },
    async (request, reply) => {
      const pem = await edgeCaCertificate(context);
      if (pem === undefined) throw new ApiError('API_NOT_FOUND', 'no edge CA yet: bootstrap has not run');
      if (request.params.file === 'certificate.pem')
        return send(reply, 'application/x-pem-file', 'portcullis-edge-ca.pem', pem);
      return send(reply, 'application/pkix-cert', 'portcullis-edge-ca.cer', pemToDer(pem, 'CERTIFICATE'));
    },
  );
};

function send(reply: FastifyReply, type: string, filename: string, body: string | Uint8Array): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(typeof body === 'string' ? body : Buffer.from(body));
}

/** Formats served for a managed CA. */
export const downloadFormats = formats;
