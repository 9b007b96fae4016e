import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the end-to-end tests leave their screenshots (gitignored). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

/**
 * Debian's Chromium, headless, with no network besides loopback in use (ENVIRONMENT.md "Browser tests":
 * never `npx playwright install`).
 */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A 1920×1080 page (the monitoring room's wall screen) that fails the test on any uncaught page error. */
export async function wallScreenPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Signs in on the console's login page with a bearer token and waits for the top bar. */
export async function signIn(page: Page, baseUrl: string, token: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.fill('#token', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('.top-bar');
}

/** Resolves after the browser has painted two more frames (the page is responsive again). */
export function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** Waits until the risk map has drawn `total` assets, showing `shown` (default all) of them. */
export async function waitForMap(page: Page, total: number, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid=map-status][data-total="${total}"]`, { timeout });
  await nextFrames(page);
}

/**
 * Share of pixels of the asset canvas near the map's centre that are in `rgb` (±tolerance): how the tests
 * see that an asset is drawn in its level's colour, without reaching into Leaflet.
 */
export function colourNearCentre(page: Page, rgb: [number, number, number], radius = 24): Promise<number> {
  return page.evaluate(
    ({ rgb, radius }) => {
      const map = document.querySelector<HTMLElement>('[data-testid=risk-map]')!;
      const canvas = map.querySelector<HTMLCanvasElement>('.leaflet-overlay-pane canvas')!;
      const m = map.getBoundingClientRect();
      const c = canvas.getBoundingClientRect();
      const scale = canvas.width / c.width;
      const cx = (m.left + m.width / 2 - c.left) * scale;
      const cy = (m.top + m.height / 2 - c.top) * scale;
      const size = Math.round(radius * 2 * scale);
      const data = canvas
        .getContext('2d')!
        .getImageData(Math.round(cx - size / 2), Math.round(cy - size / 2), size, size).data;
      let hits = 0;
      for (let i = 0; i < data.length; i += 4) {
        const close =
          Math.abs(data[i] - rgb[0]) < 40 &&
          Math.abs(data[i + 1] - rgb[1]) < 40 &&
          Math.abs(data[i + 2] - rgb[2]) < 40;
        if (close && data[i + 3] > 200) hits++;
      }
      return hits / (data.length / 4);
    },
    { rgb, radius },
  );
}
