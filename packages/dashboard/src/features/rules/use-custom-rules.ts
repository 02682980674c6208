// Loads a zone's custom-rules entry point, treating "no ruleset yet" as an empty list.
import { useApi } from '../../lib/api-context';
import { useLoad } from '../../lib/use-load';
import { useTopicVersion } from '../../lib/changes';
import { errorStatus } from '../../lib/errors';
import { CUSTOM_RULES_PHASE, type Ruleset } from '@portcullis/model';

export function useCustomRules(zoneId: string) {
  const api = useApi();
  const version = useTopicVersion('rules');
  return useLoad(async (): Promise<Ruleset | null> => {
    try {
      return await api.rulesets.getEntrypoint(zoneId, CUSTOM_RULES_PHASE);
    } catch (error) {
      if (errorStatus(error) === 404) return null;
      throw error;
    }
  }, [api, zoneId, version]);
}
