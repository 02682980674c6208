import { describe, expect, it } from 'vitest';
import { pinnedMtlsTemplate, quote, safeMtlsTemplate } from './templates';

describe('mTLS rule templates', () => {
  it('produces the revocation-aware, host-scoped rule', () => {
    expect(safeMtlsTemplate(['api.example.com', 'iot.example.com'])).toBe(
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked) and http.host in {"api.example.com" "iot.example.com"}',
    );
  });

  it('pins the issuer SKI', () => {
    expect(pinnedMtlsTemplate(['api.example.com'], 'A5AC9F')).toBe(
      '(not cf.tls_client_auth.cert_verified or cf.tls_client_auth.cert_revoked or cf.tls_client_auth.cert_issuer_ski ne "A5AC9F") and http.host in {"api.example.com"}',
    );
  });

  it('escapes quotes and backslashes in string literals', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});
