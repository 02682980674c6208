// Security events (model `SecurityEvent`): one per rule match, and one per edge decision that
// refuses a client for its certificate in 'required' mode, with the client-auth facts.
import { randomUUID } from 'node:crypto';
import type { SecurityEvent } from '@portcullis/model';
import type { Logger } from 'pino';
import type { ConnectionClientAuth } from './client-auth.js';
import type { EdgeSnapshot } from './snapshot.js';

/** Where an event happened. */
export interface EventScope {
  readonly timeMs: number;
  readonly rayId: string;
  readonly zoneId: string | null;
  readonly rulesetId: string | null;
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly clientIp: string;
}

let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * `new Date(ms).toISOString()`, with the date and time up to the second formatted once per second
 * (a flood of events shares it).
 */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    const iso = new Date(second * 1000).toISOString();
    if (iso.length !== 24) return new Date(ms).toISOString();
    isoSecond = second;
    isoPrefix = iso.slice(0, 20); // 'YYYY-MM-DDTHH:MM:SS.'
  }
  const frac = ms - second * 1000;
  return `${isoPrefix}${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}Z`;
}

/**
 * Builds an event; `ruleId` null for edge decisions. The client-auth part is the connection's own
 * frozen object (built once per connection), not a copy.
 */
export function securityEvent(
  scope: EventScope,
  ruleId: string | null,
  action: string,
  auth: ConnectionClientAuth,
  snapshot: EdgeSnapshot | undefined,
): SecurityEvent {
  return {
    id: randomUUID(),
    occurred_at: isoTime(scope.timeMs),
    ray_id: scope.rayId,
    zone_id: scope.zoneId,
    host: scope.host,
    method: scope.method,
    path: scope.path,
    client_ip: scope.clientIp,
    ruleset_id: scope.rulesetId,
    rule_id: ruleId,
    action,
    client_auth: auth.eventAuth(snapshot),
    count: 1,
  };
}

/** Hands an event to the consumer; a throwing consumer is logged, never propagated. */
export function emitSecurityEvent(
  consumer: ((event: SecurityEvent) => void) | undefined,
  event: SecurityEvent,
  logger: Logger,
): void {
  if (!consumer) return;
  try {
    consumer(event);
  } catch (error) {
    logger.error({ err: error, ray: event.ray_id }, 'security event consumer failed');
  }
}
