// The audit-log repository: append-only entries of who changed what, newest first when listed.
import type { AuditEntry } from '@portcullis/model';
import type { Executor } from '../executor.js';
import { newId } from '../ids.js';
import { newestFirstPage, pageWindow } from '../paging.js';
import type { AuditLogTable } from '../schema.js';
import type { AuditFilter, AuditLogRepository, NewAuditEntry, Page } from '../types.js';

type Row = Omit<AuditLogTable, 'seq'>;

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id,
    when: row.at,
    actor: {
      type: row.actor_type as AuditEntry['actor']['type'],
      id: row.actor_id,
      name: row.actor_name,
      ip: row.actor_ip,
    },
    action: row.action,
    resource: { type: row.resource_type, id: row.resource_id },
    account_id: row.account_id,
    zone_id: row.zone_id,
    details: JSON.parse(row.details) as AuditEntry['details'],
  };
}

/** The audit log over Kysely. */
export class SqlAuditLog implements AuditLogRepository {
  readonly #x: Executor;

  constructor(executor: Executor) {
    this.#x = executor;
  }

  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.#x.write(async ({ trx, now }) => {
      const row: Row = {
        id: newId(),
        at: entry.when ?? now,
        actor_type: entry.actor.type,
        actor_id: entry.actor.id,
        actor_name: entry.actor.name,
        actor_ip: entry.actor.ip,
        action: entry.action,
        resource_type: entry.resource.type,
        resource_id: entry.resource.id,
        account_id: entry.account_id,
        zone_id: entry.zone_id,
        details: JSON.stringify(entry.details),
      };
      await trx.insertInto('audit_log').values(row).execute();
      return toEntry(row);
    });
  }

  async list(filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
    const window = pageWindow(filter);
    return this.#x.read(async (db) => {
      let query = db.selectFrom('audit_log');
      if (filter.zone_id !== undefined) query = query.where('zone_id', '=', filter.zone_id);
      if (filter.account_id !== undefined) query = query.where('account_id', '=', filter.account_id);
      if (filter.resource_type !== undefined) query = query.where('resource_type', '=', filter.resource_type);
      if (filter.actor_id !== undefined) query = query.where('actor_id', '=', filter.actor_id);
      if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('at', '<', filter.until);
      return newestFirstPage(query, window, toEntry);
    });
  }
}
