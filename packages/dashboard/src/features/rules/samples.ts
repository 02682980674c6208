// Sample field values for the test bench: sensible defaults per field and client-certificate presets.

import { neutralValue } from '../../lib/rules-engine';

const DEFAULTS: Record<string, unknown> = {
  'http.request.method': 'GET',
  'http.request.uri.path': '/admin',
  'http.request.uri': '/admin?debug=1',
  'http.request.uri.query': 'debug=1',
  'http.request.version': 'HTTP/1.1',
  'http.user_agent': 'curl/8.5.0',
  'ip.src': '192.0.2.10',
  'cf.edge.server_port': 443,
  'http.request.headers': { accept: ['*/*'] },
  'http.request.uri.args': { debug: ['1'] },
  'cf.tls_client_auth.cert_serial': '527E0F20A20EA2A4146C78390F34CE7AF0878CA4',
  'cf.tls_client_auth.cert_fingerprint_sha256':
    'af363dc85bc942a892d3cee9796190fdb36d89cd588a4f1cb17c74a943439714',
};

/** A plausible value for `field`, so that a sample is ready to evaluate. */
export function defaultSampleValue(field: string, host: string, issuerSki: string): unknown {
  if (field === 'http.host') return host;
  if (field === 'http.request.full_uri') return `https://${host}/admin`;
  if (field === 'cf.tls_client_auth.cert_issuer_ski') return issuerSki;
  if (field in DEFAULTS) return DEFAULTS[field];
  return neutralValue(field);
}

export type CertificatePreset = 'none' | 'valid' | 'revoked' | 'other-ca';

/** The client-certificate fields of a preset situation. */
export function certificatePreset(preset: CertificatePreset, issuerSki: string): Record<string, unknown> {
  switch (preset) {
    case 'none':
      return {
        'cf.tls_client_auth.cert_presented': false,
        'cf.tls_client_auth.cert_verified': false,
        'cf.tls_client_auth.cert_revoked': false,
        'cf.tls_client_auth.cert_issuer_ski': '',
      };
    case 'valid':
      return {
        'cf.tls_client_auth.cert_presented': true,
        'cf.tls_client_auth.cert_verified': true,
        'cf.tls_client_auth.cert_revoked': false,
        'cf.tls_client_auth.cert_issuer_ski': issuerSki,
      };
    case 'revoked':
      return {
        'cf.tls_client_auth.cert_presented': true,
        'cf.tls_client_auth.cert_verified': true,
        'cf.tls_client_auth.cert_revoked': true,
        'cf.tls_client_auth.cert_issuer_ski': issuerSki,
      };
    case 'other-ca':
      return {
        'cf.tls_client_auth.cert_presented': true,
        'cf.tls_client_auth.cert_verified': true,
        'cf.tls_client_auth.cert_revoked': false,
        'cf.tls_client_auth.cert_issuer_ski': '8204924CF49D471E855862706D889F58F6B784D3',
      };
  }
}
