// Loads which CAs each host trusts: the managed CA's association list and each uploaded CA's list.
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { useTopicVersion } from '../../lib/changes';
import type { MtlsCertificate, Zone } from '@portcullis/model';

export interface TrustState {
  managed: string[];
  uploaded: { ca: MtlsCertificate; hostnames: string[] }[];
}

export function useTrust(zone: Zone) {
  const api = useApi();
  const version = useTopicVersion('associations', 'cas');
  return useLoad(async (): Promise<TrustState> => {
    const [managed, cas] = await Promise.all([
      api.hostnameAssociations.get(zone.id),
      api.mtlsCertificates.list(zone.account.id),
    ]);
    const uploaded = await Promise.all(
      cas
        .filter((ca) => ca.ca)
        .map(async (ca) => ({
          ca,
          hostnames: [...(await api.hostnameAssociations.get(zone.id, ca.id)).hostnames],
        })),
    );
    return { managed: [...managed.hostnames], uploaded };
  }, [api, zone.id, zone.account.id, version]);
}
