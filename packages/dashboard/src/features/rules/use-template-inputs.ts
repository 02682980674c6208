// What the rule templates need: the zone's mTLS hosts and its managed CA's SKI in the rules' format.
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { listAll } from '../../lib/list-all';
import { useTopicVersion } from '../../lib/changes';
import { toRuleHex } from '../../lib/format';

export interface TemplateInputs {
  /** Hosts with mTLS on; all hosts when none has it on. */
  hosts: string[];
  issuerSki: string;
}

export function useTemplateInputs(zoneId: string) {
  const api = useApi();
  const version = useTopicVersion('hostnames');
  return useLoad(async (): Promise<TemplateInputs> => {
    const [hosts, ca] = await Promise.all([
      listAll((o) => api.hostnames.list(zoneId, o)),
      api.zones.managedCa(zoneId),
    ]);
    const mtls = hosts.filter((h) => h.mtls_mode !== 'off').map((h) => h.hostname);
    return { hosts: mtls.length > 0 ? mtls : hosts.map((h) => h.hostname), issuerSki: toRuleHex(ca.ski) };
  }, [api, zoneId, version]);
}
