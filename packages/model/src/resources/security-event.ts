// Security events: one per rule match at the edge, with the client-auth facts that mattered.
import type { Id, Timestamp } from './common.js';

/** The client-certificate facts recorded with an event. */
export interface SecurityEventClientAuth {
  readonly cert_presented: boolean;
  readonly cert_verified: boolean;
  readonly cert_revoked: boolean;
  /** Upper-case hex, or empty. */
  readonly cert_serial: string;
  /** Upper-case hex, or empty. */
  readonly cert_issuer_ski: string;
  /** Lowercase hex, or empty. */
  readonly cert_fingerprint_sha256: string;
}

/** One security event. */
export interface SecurityEvent {
  readonly id: Id;
  readonly occurred_at: Timestamp;
  readonly ray_id: string;
  readonly zone_id: Id | null;
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly client_ip: string;
  readonly ruleset_id: Id | null;
  readonly rule_id: Id | null;
  /** The action taken: a rule action, or an edge decision such as `handshake_refused`. */
  readonly action: string;
  readonly client_auth: SecurityEventClientAuth;
  /**
   * Matches this event stands for (at least 1): identical matches within one second (same rule,
   * action, host, client address and certificate) are folded into one event.
   */
  readonly count: number;
}
