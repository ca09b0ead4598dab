import { useCallback, useEffect, useState } from 'react';

/** Minimal pathname router: the API serves index.html for every non-/api path. */
export function usePathname(): [string, (path: string) => void] {
  const [path, setPath] = useState(() => window.location.pathname);

  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: string) => {
    if (next !== window.location.pathname) window.history.pushState(null, '', next);
    setPath(next);
  }, []);

  return [path, navigate];
}

export type Route = 'today' | 'week' | 'hr' | 'admin' | 'mydata' | 'settings';

export function routeFor(pathname: string): Route {
  if (/^\/week\/?$/i.test(pathname)) return 'week';
  if (/^\/hr\/?$/i.test(pathname)) return 'hr';
  if (/^\/admin\/?$/i.test(pathname)) return 'admin';
  if (/^\/my-data\/?$/i.test(pathname)) return 'mydata';
  if (/^\/settings\/?$/i.test(pathname)) return 'settings';
  return 'today';
}
