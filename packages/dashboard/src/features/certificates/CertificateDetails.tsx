// The full facts of an issued certificate, each labelled with the rules field it corresponds to.
import { formatTime, serialToHex, toRuleHex } from '../../lib/format';
import type { ClientCertificate } from '@portcullis/model';

export function CertificateDetails({ cert }: { cert: ClientCertificate }) {
  const subject = [
    ['CN', cert.common_name],
    ['O', cert.organization],
    ['OU', cert.organizational_unit],
    ['L', cert.location],
    ['ST', cert.state],
    ['C', cert.country],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return (
    <details className="small">
      <summary>Details</summary>
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{subject || '—'}</dd>
        <dt>Issuer</dt>
        <dd>{cert.certificate_authority.name}</dd>
        <dt title="cf.tls_client_auth.cert_serial">Serial (rules)</dt>
        <dd className="mono">{serialToHex(cert.serial_number)}</dd>
        <dt title="cf.tls_client_auth.cert_ski">SKI (rules)</dt>
        <dd className="mono">{toRuleHex(cert.ski)}</dd>
        <dt title="cf.tls_client_auth.cert_fingerprint_sha256">SHA-256 fingerprint</dt>
        <dd className="mono">{cert.fingerprint_sha256}</dd>
        <dt>Signature</dt>
        <dd>{cert.signature}</dd>
        <dt>Valid</dt>
        <dd>
          {formatTime(cert.issued_on)} → {formatTime(cert.expires_on)} ({cert.validity_days} days)
        </dd>
        {cert.revoked_at && (
          <>
            <dt>Revoked</dt>
            <dd>{formatTime(cert.revoked_at)}</dd>
          </>
        )}
      </dl>
    </details>
  );
}
