// The freshly issued certificate and, when Portcullis generated it, its private key (and .p12): shown this once only.
import { useEffect } from 'react';
import { PemBlock } from '../../components/PemBlock';
import { downloadBase64 } from '../../lib/download';
import type { ClientCertificate, ClientCertificateWithKey } from '@portcullis/model';

export function NewCertificateResult(props: {
  certificate: ClientCertificate | ClientCertificateWithKey;
  onDone: () => void;
}) {
  const { certificate, onDone } = props;
  const privateKey = 'private_key' in certificate ? certificate.private_key : undefined;
  const pkcs12 = 'pkcs12' in certificate ? certificate.pkcs12 : undefined;
  // Leaving the page while the only copy of a private key is on screen loses it: ask first.
  useEffect(() => {
    if (!privateKey) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [privateKey]);
  const name = (certificate.common_name || certificate.id).replace(/[^A-Za-z0-9._-]/g, '_');
  return (
    <div className="result" role="region" aria-label="New certificate">
      <h3>Certificate issued</h3>
      {privateKey && (
        <p role="note" className="warning">
          This is the only time the private key is shown. Copy or download it now: Portcullis does not keep it
          in clear and cannot show it again.
        </p>
      )}
      <PemBlock label="Certificate" pem={certificate.certificate} filename={`${name}.crt.pem`} />
      {privateKey && <PemBlock label="Private key" pem={privateKey} filename={`${name}.key.pem`} />}
      {pkcs12 && (
        <p className="row">
          <button type="button" onClick={() => downloadBase64(`${name}.p12`, pkcs12)}>
            Download .p12 (certificate, key and CA)
          </button>
          <span className="muted">protected by the password you chose</span>
        </p>
      )}
      <button type="button" onClick={onDone}>
        {privateKey ? 'I have saved the private key' : 'Done'}
      </button>
    </div>
  );
}
