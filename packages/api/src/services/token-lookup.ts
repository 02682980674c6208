// Reads API tokens from the store in the shape authentication needs.
import type { Store } from '@portcullis/store';
import type { StoredToken, TokenLookup } from '../auth.js';

/** Hash format prefix of stored token secrets. */
export const secretHashPrefix = 'sha256:';

/** A {@link TokenLookup} over `store.apiTokens`. */
export function storedTokenLookup(store: Store): TokenLookup {
  return async (id): Promise<StoredToken | null> => {
    const credential = await store.apiTokens.findCredential(id);
    if (credential === undefined) return null;
    const hash = credential.secret_hash.startsWith(secretHashPrefix)
      ? credential.secret_hash.slice(secretHashPrefix.length)
      : '';
    const { token } = credential;
    return {
      id: token.id,
      name: token.name,
      secretHash: hash,
      permissions: token.permissions,
      active: token.status === 'active',
      expiresOn: token.expires_on === null ? null : new Date(token.expires_on),
    };
  };
}
