// The security-event repository: rule matches from the edge, bounded to the newest N, newest first.
import type { SecurityEvent } from '@portcullis/model';
import type { Executor } from '../executor.js';
import { newId } from '../ids.js';
import { newestFirstPage, pageWindow } from '../paging.js';
import type { SecurityEventsTable } from '../schema.js';
import { StoreError } from '../errors.js';
import type {
  NewSecurityEvent,
  Page,
  SecurityEventFilter,
  SecurityEventsRepository,
  SecurityEventSummaries,
  SecurityEventSummary,
  SecurityEventSummaryFilter,
} from '../types.js';

type Row = Omit<SecurityEventsTable, 'seq'>;

/** Rows per insert statement (18 parameters each). */
const CHUNK = 200;

/** Groups per kind a summary returns by default, and at most. */
const DEFAULT_TOP = 10;
const MAX_TOP = 100;

/** Largest `count` of one event: the column is a 32-bit integer on PostgreSQL. */
const MAX_COUNT = 2_147_483_647;

function toRow(event: NewSecurityEvent): Row {
  return {
    id: newId(),
    occurred_at: event.occurred_at,
    ray_id: event.ray_id,
    zone_id: event.zone_id,
    host: event.host,
    method: event.method,
    path: event.path,
    client_ip: event.client_ip,
    ruleset_id: event.ruleset_id,
    rule_id: event.rule_id,
    action: event.action,
    cert_presented: event.client_auth.cert_presented ? 1 : 0,
    cert_verified: event.client_auth.cert_verified ? 1 : 0,
    cert_revoked: event.client_auth.cert_revoked ? 1 : 0,
    cert_serial: event.client_auth.cert_serial,
    cert_issuer_ski: event.client_auth.cert_issuer_ski,
    cert_fingerprint_sha256: event.client_auth.cert_fingerprint_sha256,
    count: event.count ?? 1,
  };
}

function toEvent(row: Row): SecurityEvent {
  return {
    id: row.id,
    occurred_at: row.occurred_at,
    ray_id: row.ray_id,
    zone_id: row.zone_id,
    host: row.host,
    method: row.method,
    path: row.path,
    client_ip: row.client_ip,
    ruleset_id: row.ruleset_id,
    rule_id: row.rule_id,
    action: row.action,
    client_auth: {
      cert_presented: row.cert_presented === 1,
      cert_verified: row.cert_verified === 1,
      cert_revoked: row.cert_revoked === 1,
      cert_serial: row.cert_serial,
      cert_issuer_ski: row.cert_issuer_ski,
      cert_fingerprint_sha256: row.cert_fingerprint_sha256,
    },
    count: Number(row.count),
  };
}

/** Security events over Kysely. */
export class SqlSecurityEvents implements SecurityEventsRepository, SecurityEventSummaries {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async append(events: readonly NewSecurityEvent[]): Promise<SecurityEvent[]> {
    if (events.length === 0) return Promise.resolve([]);
    for (const event of events) {
      if (
        event.count !== undefined &&
        (!Number.isSafeInteger(event.count) || event.count < 1 || event.count > MAX_COUNT)
      ) {
        throw new StoreError(
          'STORE_INVALID_ARGUMENT',
          `invalid security event count ${String(event.count)}: expected 1..${MAX_COUNT}`,
        );
      }
    }
    const rows = events.map(toRow);
    const limit = this.#x.settings.maxSecurityEvents;
    return this.#x.write(async ({ trx }) => {
      for (let start = 0; start < rows.length; start += CHUNK) {
        await trx
          .insertInto('security_events')
          .values(rows.slice(start, start + CHUNK))
          .execute();
      }
      // Keep at most the newest `limit` events by sequence arithmetic: one index probe for the
      // newest seq and a range delete of what this batch pushed out, never a scan of `limit` rows
      // per batch (an OFFSET scan of 100,000 rows per batch made a flood of blocked requests from
      // many clients cost milliseconds each). Gaps in the sequence only ever keep fewer.
      const newest = await trx
        .selectFrom('security_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      const top = Number(newest?.seq ?? 0);
      if (top > limit)
        await trx
          .deleteFrom('security_events')
          .where('seq', '<=', top - limit)
          .execute();
      return rows.map(toEvent);
    });
  }

  async list(filter: SecurityEventFilter = {}): Promise<Page<SecurityEvent>> {
    const window = pageWindow(filter);
    return this.#x.read(async (db) => {
      let query = db.selectFrom('security_events');
      if (filter.zone_id !== undefined) query = query.where('zone_id', '=', filter.zone_id);
      if (filter.host !== undefined) query = query.where('host', '=', filter.host);
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.rule_id !== undefined) query = query.where('rule_id', '=', filter.rule_id);
      if (filter.since !== undefined) query = query.where('occurred_at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('occurred_at', '<', filter.until);
      if (filter.cert_fingerprint_sha256 !== undefined) {
        query = query.where('cert_fingerprint_sha256', '=', filter.cert_fingerprint_sha256);
      }
      if (filter.cert_serial !== undefined) query = query.where('cert_serial', '=', filter.cert_serial);
      return newestFirstPage(query, window, toEvent);
    });
  }

  async summary(filter: SecurityEventSummaryFilter): Promise<SecurityEventSummary> {
    const top = filter.top ?? DEFAULT_TOP;
    if (!Number.isSafeInteger(top) || top < 1 || top > MAX_TOP) {
      throw new StoreError('STORE_INVALID_ARGUMENT', `invalid top ${String(top)}: expected 1..${MAX_TOP}`);
    }
    return this.#x.read(async (db) => {
      let events = db.selectFrom('security_events').where('zone_id', '=', filter.zone_id);
      if (filter.since !== undefined) events = events.where('occurred_at', '>=', filter.since);
      if (filter.until !== undefined) events = events.where('occurred_at', '<', filter.until);
      // Match counts, not rows: each event stands for `count` identical matches.
      const total = await events
        .select((eb) => eb.fn.sum<number | string | null>('count').as('n'))
        .executeTakeFirstOrThrow();
      const byRule = await events
        .select((eb) => ['rule_id', eb.fn.sum<number | string>('count').as('n')])
        .groupBy('rule_id')
        .orderBy('n', 'desc')
        .orderBy('rule_id')
        .limit(top)
        .execute();
      const byHost = await events
        .select((eb) => ['host', eb.fn.sum<number | string>('count').as('n')])
        .groupBy('host')
        .orderBy('n', 'desc')
        .orderBy('host')
        .limit(top)
        .execute();
      const byCertificate = await events
        .where('cert_fingerprint_sha256', '!=', '')
        .select((eb) => [
          'cert_fingerprint_sha256',
          eb.fn.max('cert_serial').as('serial'),
          eb.fn.sum<number | string>('count').as('n'),
        ])
        .groupBy('cert_fingerprint_sha256')
        .orderBy('n', 'desc')
        .orderBy('cert_fingerprint_sha256')
        .limit(top)
        .execute();
      const fingerprints = byCertificate.map((row) => row.cert_fingerprint_sha256);
      const names = new Map<string, string>();
      if (fingerprints.length > 0) {
        const issued = await db
          .selectFrom('client_certificates')
          .select(['fingerprint_sha256', 'common_name'])
          .where('zone_id', '=', filter.zone_id)
          .where('fingerprint_sha256', 'in', fingerprints)
          .execute();
        for (const row of issued) names.set(row.fingerprint_sha256, row.common_name);
      }
      return {
        total: Number(total.n ?? 0),
        by_rule: byRule.map((row) => ({ rule_id: row.rule_id, count: Number(row.n) })),
        by_host: byHost.map((row) => ({ host: row.host, count: Number(row.n) })),
        by_certificate: byCertificate.map((row) => ({
          fingerprint_sha256: row.cert_fingerprint_sha256,
          serial: row.serial ?? '',
          common_name: names.get(row.cert_fingerprint_sha256) ?? null,
          count: Number(row.n),
        })),
      };
    });
  }

  async count(): Promise<number> {
    return this.#x.read(async (db) => {
      const row = await db
        .selectFrom('security_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });
  }
}
