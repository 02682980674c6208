// One issued client certificate: identity, status, and revoke / reactivate / download.
import { useApi } from '../../lib/api-context';
import { useAction } from '../../lib/use-action';
import { announce } from '../../lib/changes';
import { downloadText } from '../../lib/download';
import { serialToHex, toRuleHex } from '../../lib/format';
import { ExpiryHint } from '../../components/ExpiryHint';
import { CertificateDetails } from './CertificateDetails';
import { ErrorMessages } from '../../components/ErrorMessages';
import { StatusBadge } from '../../components/StatusBadge';
import type { ClientCertificate } from '@portcullis/model';

export function CertificateRow({ zoneId, cert }: { zoneId: string; cert: ClientCertificate }) {
  const api = useApi();
  const name = cert.common_name || '(no common name)';
  const revoke = useAction(async () => {
    await api.clientCertificates.revoke(zoneId, cert.id);
    announce('certificates');
  });
  const reactivate = useAction(async () => {
    await api.clientCertificates.reactivate(zoneId, cert.id);
    announce('certificates');
  });
  const canRevoke = cert.status === 'active' || cert.status === 'pending_reactivation';
  const canReactivate = cert.status === 'revoked' || cert.status === 'pending_revocation';
  const serialHex = serialToHex(cert.serial_number);

  return (
    <tr data-certificate-id={cert.id}>
      <th scope="row">
        {name}
        <CertificateDetails cert={cert} />
      </th>
      <td className="mono small">
        <div title="cf.tls_client_auth.cert_serial">{serialHex || '—'}</div>
        <div className="muted" title="serial number (decimal, as the API reports it)">
          {cert.serial_number}
        </div>
      </td>
      <td className="mono small" title="cf.tls_client_auth.cert_ski">
        {toRuleHex(cert.ski) || '—'}
      </td>
      <td className="small">
        <ExpiryHint value={cert.expires_on} />
      </td>
      <td>
        <StatusBadge value={cert.status} />
      </td>
      <td className="row">
        {canRevoke && (
          <button
            type="button"
            className="danger"
            aria-label={`Revoke ${name}`}
            disabled={revoke.pending}
            onClick={() => {
              if (
                window.confirm(
                  `Revoke the certificate of ${name}? Rules that check cert_revoked will block it.`,
                )
              )
                void revoke.run();
            }}
          >
            Revoke
          </button>
        )}
        {canReactivate && (
          <button
            type="button"
            aria-label={`Reactivate ${name}`}
            disabled={reactivate.pending}
            onClick={() => void reactivate.run()}
          >
            Reactivate
          </button>
        )}
        <button
          type="button"
          aria-label={`Download ${name} certificate`}
          onClick={() =>
            downloadText(
              `${(cert.common_name || cert.id).replace(/[^\w.-]/g, '_')}.crt.pem`,
              cert.certificate,
            )
          }
        >
          PEM
        </button>
        <ErrorMessages error={revoke.error ?? reactivate.error} />
      </td>
    </tr>
  );
}
