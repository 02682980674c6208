// Hash routing (`#/zones/<id>`): works behind any static file server and keeps tokens out of URLs.
import { useEffect, useState } from 'react';

export type Route = { page: 'zones' } | { page: 'tokens' } | { page: 'zone'; zoneId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/zones\/([^/]+)\/?$/.exec(hash);
  if (match?.[1]) return { page: 'zone', zoneId: decodeURIComponent(match[1]) };
  if (/^#\/tokens\/?$/.test(hash)) return { page: 'tokens' };
  return { page: 'zones' };
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(route: Route): void {
  window.location.hash =
    route.page === 'zone'
      ? `#/zones/${encodeURIComponent(route.zoneId)}`
      : route.page === 'tokens'
        ? '#/tokens'
        : '#/';
}
