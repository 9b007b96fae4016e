import type { TargetedMouseEvent } from 'preact';
import { createStore, useStore } from './store';

/** The console's screens; the path is the address bar's (the server answers index.html for each). */
export type Route =
  | { name: 'map'; focus: string | null }
  | { name: 'board' }
  | { name: 'alarms' }
  | { name: 'risk-list' }
  | { name: 'asset'; id: string }
  | { name: 'not-found' };

/** The route of a path and query; `/?focus=ID` is the map centred on one asset with its popup open. */
function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'map', focus: new URLSearchParams(search).get('focus') };
  if (path === '/board') return { name: 'board' };
  if (path === '/alarms') return { name: 'alarms' };
  if (path === '/risk-list') return { name: 'risk-list' };
  const asset = /^\/assets\/([^/]+)$/.exec(path);
  if (asset) return { name: 'asset', id: decodeURIComponent(asset[1]) };
  return { name: 'not-found' };
}

export function assetPath(id: string): string {
  return `/assets/${encodeURIComponent(id)}`;
}

export function mapFocusPath(id: string): string {
  return `/?focus=${encodeURIComponent(id)}`;
}

const current = (): Route => parseRoute(location.pathname, location.search);
const routeStore = createStore<Route>(current());
window.addEventListener('popstate', () => routeStore.set(current()));

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  routeStore.set(current());
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  return useStore(routeStore);
}

/** An in-app link: a real <a href> (open in new tab works), navigated without a reload on a plain click. */
export function onLinkClick(event: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
