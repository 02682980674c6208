// The zone's managed client CA: its SKI in the rules' format (for issuer pinning) and its certificate.
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { downloadText } from '../../lib/download';
import { toRuleHex } from '../../lib/format';
import { ExpiryHint } from '../../components/ExpiryHint';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';

export function ManagedCaCard({ zoneId, zoneName }: { zoneId: string; zoneName: string }) {
  const api = useApi();
  const ca = useLoad(() => api.zones.managedCa(zoneId), [api, zoneId]);
  if (ca.error) return <ErrorMessages error={ca.error} />;
  if (!ca.data) return <Loading what="managed CA" />;
  const ski = toRuleHex(ca.data.ski);
  const pin = `cf.tls_client_auth.cert_issuer_ski eq "${ski}"`;
  return (
    <div className="subcard" role="group" aria-label="Managed CA">
      <h3>Managed CA</h3>
      <p className="muted small">
        Unique to this zone: a certificate it issued verifies only here. Pin it in rules anyway, so a
        certificate from an uploaded CA on the same host cannot stand in.
      </p>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{ca.data.name}</dd>
        <dt>SKI (rule format)</dt>
        <dd className="mono" data-testid="managed-ca-ski">
          {ski}
        </dd>
        <dt>Expires</dt>
        <dd>
          <ExpiryHint value={ca.data.expires_on} />
        </dd>
        <dt>Revocation list</dt>
        <dd>
          <a href={ca.data.urls.crl_pem}>CRL (PEM)</a> · <a href={ca.data.urls.crl_der}>CRL (DER)</a>{' '}
          <span className="muted small">public: give these to clients and origins that check revocation</span>
        </dd>
        <dt>Issuer pinning</dt>
        <dd>
          <code>{pin}</code>
        </dd>
      </dl>
      <div className="row">
        <CopyButton text={ski} label="Copy SKI" />
        <CopyButton text={pin} label="Copy pinning condition" />
        <button
          type="button"
          onClick={() => downloadText(`${zoneName}-managed-ca.pem`, ca.data!.certificate)}
        >
          Download CA certificate
        </button>
      </div>
    </div>
  );
}
