// Checks an uploaded edge certificate + key, and origin settings, before anything is stored.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { ApiError } from '../errors.js';
import { truncate } from '../routes/common.js';
import { pemBlocks } from './pem.js';

/**
 * Checks an uploaded edge certificate chain and key: readable, the key matches the leaf, the
 * leaf covers `hostname` and is currently valid, and no private key hides in the chain.
 */
export function checkEdgeCertificate(
  input: { certificate: string; private_key: string },
  hostname: string,
  now: Date,
): void {
  const blocks = pemBlocks(input.certificate);
  if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE')) {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      'edge_certificate.certificate must be PEM CERTIFICATE blocks only (leaf first, then intermediates)',
    );
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(blocks[0]!.text);
    for (const b of blocks.slice(1)) new X509Certificate(b.text);
  } catch {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      'edge_certificate.certificate: unable to parse certificate',
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: input.private_key, format: 'pem' });
  } catch {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      'edge_certificate.private_key is not a readable unencrypted PEM private key',
    );
  }
  if (!leaf.checkPrivateKey(key)) {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      'edge_certificate.private_key does not match the certificate',
    );
  }
  if (leaf.checkHost(hostname) === undefined) {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      `edge_certificate.certificate does not cover hostname ${hostname}`,
    );
  }
  if (new Date(leaf.validTo).getTime() <= now.getTime()) {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      `edge_certificate.certificate expired on ${new Date(leaf.validTo).toISOString()}`,
    );
  }
}

/** Checks an origin CA bundle: one or more readable certificates, nothing else. */
export function checkOriginCa(pem: string): string {
  const blocks = pemBlocks(pem);
  if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE')) {
    throw new ApiError(
      'API_INVALID_CERTIFICATE',
      'origin_ca must be one or more PEM CERTIFICATE blocks and nothing else',
    );
  }
  try {
    for (const b of blocks) new X509Certificate(b.text);
  } catch {
    throw new ApiError('API_INVALID_CERTIFICATE', 'origin_ca: unable to parse certificate');
  }
  return blocks.map((b) => b.text).join('');
}

/** Normalises an origin to `scheme://host[:port]`: http or https, no credentials, path, query or fragment. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError('API_VALIDATION', `origin "${truncate(value)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('API_VALIDATION', `origin "${truncate(value)}" must use http or https`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ApiError('API_VALIDATION', 'origin must not contain credentials');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new ApiError(
      'API_VALIDATION',
      `origin "${truncate(value)}" must be scheme://host[:port] without a path or query`,
    );
  }
  return `${url.protocol}//${url.host}`;
}
