// The security-event facts of a connection: built once per connection and revocation state.
import { describe, expect, it } from 'vitest';
import { ConnectionClientAuth } from './client-auth.js';
import type { EdgeSnapshot } from './snapshot.js';
import type { ClientVerification } from './tls/verify-client.js';

const verification: ClientVerification = {
  presented: true,
  verified: true,
  failure: undefined,
  leaf: undefined,
  sentChain: [],
  issuer: { der: Buffer.alloc(0), skiUpper: 'ABCD', serialUpper: '01' },
  anchorCaId: 'ca-1',
  serialKeys: ['1F'],
};

function snapshot(revoked: boolean): EdgeSnapshot {
  return {
    isRevoked: (caId: string, keys: readonly string[]) => revoked && caId === 'ca-1' && keys[0] === '1F',
  } as unknown as EdgeSnapshot;
}

describe('ConnectionClientAuth.eventAuth', () => {
  it('shares one frozen object between the events of a connection', () => {
    const auth = new ConnectionClientAuth(verification, true);
    const first = auth.eventAuth(snapshot(false));
    expect(first).toEqual({
      cert_presented: true,
      cert_verified: true,
      cert_revoked: false,
      cert_serial: '',
      cert_issuer_ski: 'ABCD',
      cert_fingerprint_sha256: '',
    });
    expect(Object.isFrozen(first)).toBe(true);
    expect(auth.eventAuth(snapshot(false))).toBe(first);
  });

  it('follows a revocation made while the connection is open (and a reactivation)', () => {
    const auth = new ConnectionClientAuth(verification, true);
    expect(auth.eventAuth(snapshot(false)).cert_revoked).toBe(false);
    expect(auth.eventAuth(snapshot(true)).cert_revoked).toBe(true);
    expect(auth.eventAuth(snapshot(false)).cert_revoked).toBe(false);
    expect(auth.eventAuth(undefined).cert_revoked).toBe(false);
  });
});
