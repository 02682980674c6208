// The zone resource: a domain such as example.test, owning hostnames, a managed CA and rules.
import type { Id, Timestamp } from './common.js';

/** Zone statuses as Cloudflare spells them; Portcullis zones are `active` from creation. */
export type ZoneStatus = 'active' | 'pending' | 'initializing' | 'moved';

/** A zone, in the shape of Cloudflare's `GET /zones/{zone_id}` result (the fields Portcullis has). */
export interface Zone {
  readonly id: Id;
  /** The domain name, lower case, without a trailing dot. */
  readonly name: string;
  readonly status: ZoneStatus;
  readonly paused: boolean;
  readonly type: 'full';
  readonly account: { readonly id: Id; readonly name: string };
  readonly created_on: Timestamp;
  readonly modified_on: Timestamp;
  readonly activated_on: Timestamp | null;
}
