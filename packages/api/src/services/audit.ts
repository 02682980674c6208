// Writes audit-log entries inside the transaction of the change they describe.
import type { FastifyRequest } from 'fastify';
import type { StoreTransaction } from '@portcullis/store';

/** What changed, for {@link audit}. */
export interface AuditChange {
  action: string;
  resourceType: string;
  resourceId: string | null;
  accountId?: string | null;
  zoneId?: string | null;
  /** Ids and changed field names; never secrets or key material. */
  details?: Record<string, unknown>;
}

/** Appends one audit entry for `request`'s caller within `tx`. */
export async function audit(
  tx: StoreTransaction,
  request: FastifyRequest,
  change: AuditChange,
): Promise<void> {
  const principal = request.principal;
  await tx.auditLog.append({
    actor: {
      type: 'token',
      id: principal?.tokenId ?? null,
      name: principal?.tokenName ?? null,
      ip: request.ip,
    },
    action: change.action,
    resource: { type: change.resourceType, id: change.resourceId },
    account_id: change.accountId ?? null,
    zone_id: change.zoneId ?? null,
    details: { request_id: request.id, ...change.details },
  });
}
