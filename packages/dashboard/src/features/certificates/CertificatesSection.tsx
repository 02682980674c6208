// The zone's client certificates: issue one, list them by status, revoke or reactivate them.
import { useEffect, useState } from 'react';
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { useTopicVersion } from '../../lib/changes';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { Section } from '../../components/Section';
import { CertificateRow } from './CertificateRow';
import { CreateCertificateForm } from './CreateCertificateForm';
import { NewCertificateResult } from './NewCertificateResult';
import { STATUS_FILTERS } from './statuses';
import type { ClientCertificate, ClientCertificateStatus, ClientCertificateWithKey } from '@portcullis/model';

const PER_PAGE = 25;

export function CertificatesSection({ zoneId }: { zoneId: string }) {
  const api = useApi();
  const [status, setStatus] = useState<ClientCertificateStatus | 'all'>('all');
  const [issued, setIssued] = useState<ClientCertificate | ClientCertificateWithKey | null>(null);
  const [creating, setCreating] = useState(false);
  const version = useTopicVersion('certificates');
  const [page, setPage] = useState(1);
  // Server-side pages: a zone may hold far more certificates than a page should render.
  const certs = useLoad(
    () => api.clientCertificates.list(zoneId, { status, page, per_page: PER_PAGE }),
    [api, zoneId, status, page, version],
  );
  const items = certs.data?.items ?? [];
  const emptyLaterPage = !certs.loading && items.length === 0 && page > 1;
  // A revocation under a status filter can empty the last page: step back rather than strand the user.
  useEffect(() => {
    if (emptyLaterPage) setPage((p) => p - 1);
  }, [emptyLaterPage]);

  return (
    <Section
      title="Client certificates"
      actions={
        !creating &&
        !issued && (
          <button type="button" onClick={() => setCreating(true)}>
            Add certificate
          </button>
        )
      }
    >
      {issued ? (
        <NewCertificateResult certificate={issued} onDone={() => setIssued(null)} />
      ) : (
        creating && (
          <div className="subcard">
            <CreateCertificateForm
              zoneId={zoneId}
              onIssued={(c) => {
                setCreating(false);
                setIssued(c);
              }}
            />
            <button type="button" className="link" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        )
      )}
      <div className="row">
        <label htmlFor="cert-status-filter">Status</label>
        <select
          id="cert-status-filter"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as ClientCertificateStatus | 'all');
            setPage(1);
          }}
        >
          {STATUS_FILTERS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessages error={certs.error} />
      {certs.loading && !certs.data ? (
        <Loading what="certificates" />
      ) : items.length === 0 ? (
        <p className="muted">No certificates{status === 'all' ? '' : ' with this status'}.</p>
      ) : (
        <table aria-label="Client certificates">
          <thead>
            <tr>
              <th scope="col">Common name</th>
              <th scope="col">Serial (hex / decimal)</th>
              <th scope="col">SKI</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((cert) => (
              <CertificateRow key={cert.id} zoneId={zoneId} cert={cert} />
            ))}
          </tbody>
        </table>
      )}
      <Pager info={certs.data?.resultInfo} label="certificates" onPage={setPage} />
    </Section>
  );
}
