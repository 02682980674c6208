// Completes pending client-certificate transitions (pending_revocation → revoked) on a timer.
import type { Store } from '@portcullis/store';

/**
 * Settles every pending revocation or reactivation at once; returns how many. Revocations are
 * enforced from the DELETE response on (the edge and CRL treat every non-active status as
 * revoked); settling only changes the status reported to `revoked`.
 */
export function settleRevocations(store: Store): Promise<number> {
  return store.clientCertificates.settlePending();
}
