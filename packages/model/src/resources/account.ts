// The account resource: the owner of zones, uploaded CAs and API tokens (Cloudflare's `Account`).
import type { Id, Timestamp } from './common.js';

/** An account, in the shape of Cloudflare's `GET /accounts` items. */
export interface Account {
  readonly id: Id;
  readonly name: string;
  /** Cloudflare reports `standard` or `enterprise`; Portcullis accounts are all `standard`. */
  readonly type: 'standard' | 'enterprise';
  readonly created_on: Timestamp;
}
