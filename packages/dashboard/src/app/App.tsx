// The application shell: the login gate, the header with sign-out, and the two pages.
import { useMemo, useState } from 'react';
import { ApiProvider, clientFor } from '../lib/api-context';
import { clearToken, readToken, saveToken } from '../lib/session';
import { LoginPage } from '../features/auth/LoginPage';
import { ZonesPage } from '../features/zones/ZonesPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { ZoneMtlsPage } from './ZoneMtlsPage';
import { navigate, useHashRoute } from './use-hash-route';

export function App() {
  const [token, setToken] = useState<string | null>(() => readToken());
  const [notice, setNotice] = useState<string | null>(null);
  const route = useHashRoute();
  const api = useMemo(
    () =>
      token
        ? clientFor(token, () => {
            clearToken();
            setToken(null);
            setNotice('The API no longer accepts this token (revoked, expired or deleted). Sign in again.');
          })
        : null,
    [token],
  );

  if (!api) {
    return (
      <LoginPage
        notice={notice}
        onSignedIn={(value) => {
          saveToken(value);
          setNotice(null);
          setToken(value);
        }}
      />
    );
  }
  return (
    <ApiProvider api={api}>
      <header className="topbar">
        <a href="#/" className="brand">
          Portcullis
        </a>
        <nav aria-label="Main" className="row">
          <a href="#/">Zones</a>
          <a href="#/tokens">API tokens</a>
        </nav>
        <button
          type="button"
          onClick={() => {
            clearToken();
            setToken(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main className="content">
        {route.page === 'zone' ? (
          <ZoneMtlsPage key={route.zoneId} zoneId={route.zoneId} />
        ) : route.page === 'tokens' ? (
          <TokensPage />
        ) : (
          <ZonesPage onOpenZone={(zone) => navigate({ page: 'zone', zoneId: zone.id })} />
        )}
      </main>
    </ApiProvider>
  );
}
