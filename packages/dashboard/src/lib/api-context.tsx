// Hands the token-bound API client to every component below the login gate.
import { createContext, useContext, type ReactNode } from 'react';
import { createClient, type PortcullisClient } from '@portcullis/client';

const ApiContext = createContext<PortcullisClient | null>(null);

/**
 * A client for the API that served this page, authenticated with `token`. `onUnauthorized` runs
 * when the API answers 401 (the token was revoked, expired or deleted while the page was open).
 */
export function clientFor(token: string, onUnauthorized?: () => void): PortcullisClient {
  const watchful: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 401) onUnauthorized?.();
    return response;
  };
  return createClient({ baseUrl: window.location.origin, token, fetch: watchful });
}

export function ApiProvider({ api, children }: { api: PortcullisClient; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The API client bound to the signed-in user's token. */
export function useApi(): PortcullisClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
