import { createStore } from './store';

/**
 * Wall-screen mode: larger type, no navigation chrome, full screen. Remembered per browser, so the
 * monitoring room's wall PC comes back in it after a restart.
 */
const WALL_KEY = 'lifeline.wall';

export const wallModeStore = createStore<boolean>(
  localStorage.getItem(WALL_KEY) === '1' || new URLSearchParams(location.search).has('wall'),
);

export function setWallMode(on: boolean): void {
  localStorage.setItem(WALL_KEY, on ? '1' : '0');
  wallModeStore.set(on);
  if (on && !document.fullscreenElement)
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}
