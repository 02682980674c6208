// One zone's mTLS page: what expires soon, hosts, client certificates, CAs, custom rules, security events and recent changes together.
import { useApi } from '../lib/api-context';
import { useLoad } from '../lib/use-load';
import { ErrorMessages } from '../components/ErrorMessages';
import { Loading } from '../components/Loading';
import { HostnamesSection } from '../features/hostnames/HostnamesSection';
import { CertificatesSection } from '../features/certificates/CertificatesSection';
import { CasSection } from '../features/cas/CasSection';
import { RulesSection } from '../features/rules/RulesSection';
import { EventsSection } from '../features/events/EventsSection';
import { ExpiringSoonSection } from '../features/expiry/ExpiringSoonSection';
import { ChangesSection } from '../features/audit/ChangesSection';

export function ZoneMtlsPage({ zoneId }: { zoneId: string }) {
  const api = useApi();
  const zone = useLoad(() => api.zones.get(zoneId), [api, zoneId]);
  if (zone.error) {
    return (
      <>
        <ErrorMessages error={zone.error} />
        <a href="#/">Back to zones</a>
      </>
    );
  }
  if (!zone.data) return <Loading what="zone" />;
  const z = zone.data;
  return (
    <div className="zone-page">
      <nav aria-label="Breadcrumb" className="small">
        <a href="#/">Zones</a> / {z.name}
      </nav>
      <h1>
        {z.name} <span className="muted small">mTLS</span>
      </h1>
      <ExpiringSoonSection zone={z} />
      <HostnamesSection zone={z} />
      <CertificatesSection zoneId={z.id} />
      <CasSection zone={z} />
      <RulesSection zoneId={z.id} zoneName={z.name} />
      <EventsSection zoneId={z.id} />
      <ChangesSection zone={z} />
    </div>
  );
}
