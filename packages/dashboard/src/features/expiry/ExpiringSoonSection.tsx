// "Expiring soon": the zone's active client certificates, its CAs and their CRLs that need attention, soonest first.
import { useId, useState } from 'react';
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { useTopicVersion } from '../../lib/changes';
import { errorStatus } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { ErrorMessages } from '../../components/ErrorMessages';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import type { Crl, Zone } from '@portcullis/model';
import {
  CA_HORIZON_DAYS,
  CERTIFICATE_HORIZONS,
  CRL_HORIZON_DAYS,
  KIND_LABELS,
  dueItems,
  type DueItem,
  type TrustedUpload,
} from './due-items';

/** Client certificates listed at most (the API's page); the rest are counted. */
const MAX_CERTIFICATES = 100;

function DaysLeft({ item }: { item: DueItem }) {
  if (item.past) {
    const ago = -item.daysLeft;
    return (
      <span className="error-text">
        {ago === 0 ? 'past, today' : `past, ${ago} day${ago === 1 ? '' : 's'} ago`}
      </span>
    );
  }
  const text = `${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'}`;
  return <span className={item.daysLeft <= 7 ? 'warning' : undefined}>{text}</span>;
}

export function ExpiringSoonSection({ zone }: { zone: Zone }) {
  const api = useApi();
  const [days, setDays] = useState<number>(30);
  const selectId = useId();
  const version = useTopicVersion('certificates', 'cas', 'associations');
  const loaded = useLoad(async () => {
    const accountId = zone.account.id;
    const [certificates, managedCa, uploaded] = await Promise.all([
      api.clientCertificates.list(zone.id, {
        status: 'active',
        expiring_within_days: days,
        order: 'expires_on',
        per_page: MAX_CERTIFICATES,
      }),
      api.zones.managedCa(zone.id).catch((error: unknown) => {
        if (errorStatus(error) === 404) return undefined;
        throw error;
      }),
      api.mtlsCertificates.list(accountId),
    ]);
    // Only uploaded CAs that one of this zone's hosts trusts concern this page.
    const uploads = (
      await Promise.all(
        uploaded
          .filter((ca) => ca.ca)
          .map(async (ca): Promise<TrustedUpload | null> => {
            const { hostnames } = await api.hostnameAssociations.get(zone.id, ca.id);
            if (hostnames.length === 0) return null;
            const crl = await api.mtlsCertificates
              .getCrl(accountId, ca.id)
              .catch((error: unknown): Crl | null => {
                if (errorStatus(error) === 404) return null;
                throw error;
              });
            return { ca, crl };
          }),
      )
    ).filter((u): u is TrustedUpload => u !== null);
    const now = new Date();
    return {
      items: dueItems({ certificates: certificates.items, managedCa, uploads, now }),
      more: (certificates.resultInfo?.total_count ?? certificates.items.length) - certificates.items.length,
    };
  }, [api, zone.id, zone.account.id, days, version]);
  const items = loaded.data?.items ?? [];
  return (
    <Section
      title="Expiring soon"
      actions={
        <>
          <label htmlFor={selectId} className="small">
            Client certificates within
          </label>
          <select id={selectId} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {CERTIFICATE_HORIZONS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </>
      }
    >
      <p className="muted small">
        Active client certificates expiring within {days} days, CAs this zone trusts expiring within{' '}
        {CA_HORIZON_DAYS} days, and CRLs due for their next update within {CRL_HORIZON_DAYS} days.
      </p>
      <ErrorMessages error={loaded.error} />
      {loaded.loading && !loaded.data ? (
        <Loading what="expiry dates" />
      ) : items.length === 0 ? (
        <p className="ok">Nothing is due: no certificate, CA or CRL needs attention in this window.</p>
      ) : (
        <table aria-label="Expiring soon">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Name</th>
              <th scope="col">When</th>
              <th scope="col">Days left</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.key}>
                <td className="small">{KIND_LABELS[item.kind]}</td>
                <th scope="row">{item.name}</th>
                <td className="small">{formatTime(item.at)}</td>
                <td>
                  <DaysLeft item={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(loaded.data?.more ?? 0) > 0 && (
        <p className="small warning">
          and {loaded.data?.more} more client certificates in this window (the {MAX_CERTIFICATES} soonest are
          shown)
        </p>
      )}
    </Section>
  );
}
