// Hands the token-bound API client to every component below the login gate.
import { createContext, useContext, type ReactNode } from 'react';
import { createClient, type PortcullisClient } from '@portcullis/client';

const ApiContext = createContext<PortcullisClient | null>(null);

/** A client for the API that served this page, authenticated with `token`. */
export function clientFor(token: string): PortcullisClient {
  return createClient({ baseUrl: window.location.origin, token });
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
