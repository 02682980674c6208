// `/zones/{zone_id}/security_events`: rule matches and edge decisions recorded by the edge, newest first,
// filtered by host, rule, action or client certificate; and `…/summary`: their counts over a window.
import { CUSTOM_RULES_PHASE } from '@portcullis/model';
import { Type } from 'typebox';
import { ok, page } from '../envelope.js';
import { ApiError } from '../errors.js';
import { pageInfo, pageQuery, resolveWindow } from '../pagination.js';
import { responses, securityEventSchema, securityEventSummarySchema } from '../schemas.js';
import { checkId, idSchema, requireZone, type RoutePlugin } from './common.js';

const time = Type.String({ format: 'date-time' });

/** The summary's window when `since` is not given. */
const defaultWindowMs = 24 * 60 * 60 * 1000;

const certificateFilters = {
  cert_fingerprint_sha256: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f]{64}$',
      description: 'SHA-256 fingerprint of the client certificate (hex)',
    }),
  ),
  cert_serial: Type.Optional(
    Type.String({
      pattern: '^[0-9A-Fa-f]{1,64}$',
      description: 'serial number of the client certificate (hex)',
    }),
  ),
};

/** A query timestamp as stored (RFC 3339 UTC, milliseconds), or a 400 naming the parameter. */
function timestamp(value: string, name: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new ApiError('API_VALIDATION', `query.${name} is not a valid date-time: "${value}"`);
  return date.toISOString();
}

/** Registers the security-events read routes. */
export const securityEventRoutes: RoutePlugin = (app, { store, now }) => {
  const read = { auth: { family: 'security_events', level: 'read' } } as const;

  app.get(
    '/zones/:zone_id/security_events',
    {
      config: read,
      schema: {
        tags: ['security_events'],
        summary: 'Security events of a zone, newest first',
        description:
          'Each event carries `count`: the matches it stands for. Identical matches (same rule, action, host, client address and client certificate) within one second are folded into one event, so a flood of blocked requests is a few events with large counts.',
        params: Type.Object({ zone_id: idSchema }),
        querystring: Type.Object({
          ...pageQuery,
          since: Type.Optional(time),
          until: Type.Optional(time),
          host: Type.Optional(Type.String({ maxLength: 253 })),
          action: Type.Optional(Type.String({ maxLength: 64 })),
          rule_id: Type.Optional(Type.String({ maxLength: 64 })),
          ...certificateFilters,
        }),
        response: responses(Type.Array(securityEventSchema), { list: true }),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const q = request.query;
      const window = resolveWindow(q);
      const result = await store.securityEvents.list({
        page: window.page,
        per_page: window.perPage,
        zone_id: zone.id,
        ...(q.host === undefined ? {} : { host: q.host.toLowerCase() }),
        ...(q.action === undefined ? {} : { action: q.action }),
        ...(q.rule_id === undefined ? {} : { rule_id: checkId(q.rule_id, 'rule_id') }),
        ...(q.since === undefined ? {} : { since: timestamp(q.since, 'since') }),
        ...(q.until === undefined ? {} : { until: timestamp(q.until, 'until') }),
        // Events record fingerprints in lower-case and serials in upper-case hex (cf.tls_client_auth.*).
        ...(q.cert_fingerprint_sha256 === undefined
          ? {}
          : { cert_fingerprint_sha256: q.cert_fingerprint_sha256.toLowerCase() }),
        ...(q.cert_serial === undefined ? {} : { cert_serial: q.cert_serial.toUpperCase() }),
      });
      return page(result.items, pageInfo(window, result.items.length, result.total_count));
    },
  );

  app.get(
    '/zones/:zone_id/security_events/summary',
    {
      config: read,
      schema: {
        tags: ['security_events'],
        summary: 'Counts of a zone’s security events by rule, host and client certificate',
        description:
          'Portcullis addition. Over [since, until) (default: the last 24 hours), the largest groups first: `by_rule` (with the rule’s current description), `by_host`, and `by_certificate` (fingerprint, serial and, for certificates issued by the zone’s managed CA, the common name). `top` groups of each kind (default 10). Counts are match counts: each event adds its `count`.',
        params: Type.Object({ zone_id: idSchema }),
        querystring: Type.Object({
          since: Type.Optional(time),
          until: Type.Optional(time),
          top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: responses(securityEventSummarySchema),
      },
    },
    async (request) => {
      const zone = await requireZone(store, request.params.zone_id);
      const q = request.query;
      const until = q.until === undefined ? undefined : timestamp(q.until, 'until');
      const since =
        q.since === undefined
          ? new Date(
              (until === undefined ? now() : new Date(until)).getTime() - defaultWindowMs,
            ).toISOString()
          : timestamp(q.since, 'since');
      if (until !== undefined && until < since) {
        throw new ApiError('API_VALIDATION', `query.until (${until}) is before query.since (${since})`);
      }
      const summary = await store.securityEvents.summary({
        zone_id: zone.id,
        since,
        ...(until === undefined ? {} : { until }),
        ...(q.top === undefined ? {} : { top: q.top }),
      });
      const entrypoint = await store.rulesets.getEntrypoint(zone.id, CUSTOM_RULES_PHASE);
      const descriptions = new Map((entrypoint?.rules ?? []).map((rule) => [rule.id, rule.description]));
      return ok({
        since,
        until: until ?? null,
        total: summary.total,
        by_rule: summary.by_rule.map((group) => ({
          ...group,
          description: group.rule_id === null ? null : (descriptions.get(group.rule_id) ?? null),
        })),
        by_host: summary.by_host,
        by_certificate: summary.by_certificate,
      });
    },
  );
};
