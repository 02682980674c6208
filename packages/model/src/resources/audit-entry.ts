// Audit log entries: every change made through the API or the CLI, who made it and when.
import type { Id, Timestamp } from './common.js';

/** Who made a change. */
export interface AuditActor {
  /** `token` for API calls, `cli` for local admin commands, `system` for Portcullis itself (CRL refresh, …). */
  readonly type: 'token' | 'cli' | 'system';
  /** The token id for `token`, else a free label. */
  readonly id: string | null;
  readonly name: string | null;
  /** Client IP of an API call. */
  readonly ip: string | null;
}

/** One audit-log entry. */
export interface AuditEntry {
  readonly id: Id;
  readonly when: Timestamp;
  readonly actor: AuditActor;
  /** A verb such as `create`, `update`, `delete`, `revoke`, `reactivate`. */
  readonly action: string;
  /** The resource family and the id of the changed resource. */
  readonly resource: { readonly type: string; readonly id: string | null };
  readonly account_id: Id | null;
  readonly zone_id: Id | null;
  /** Free structured details (ids before/after, changed field names); never secrets. */
  readonly details: Readonly<Record<string, unknown>>;
}
