import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../seeds/src/loader/api-client.js';
import { chunk } from '../../seeds/src/loader/load-registry.js';
import { loadCity } from '../../seeds/src/load-city.js';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, nextFrames, screenshot, signIn, wallScreenPage, waitForMap } from './browser.js';

const ASSETS = 10_000;

/**
 * The console with 10,000 assets (the load-test city of seeds/): the map draws them all on its canvas and
 * stays interactive. Times are measured and logged, never asserted (CONTRIBUTING.md "Tests").
 */
describe('console with 10,000 assets', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const city = loadCity(ASSETS, ASSETS, 7);
    const client = new ApiClient({ baseUrl: t.baseUrl, token: t.adminToken });
    for (const unit of city.ownerUnits) await client.post('/owner-units', unit);
    for (const features of chunk(city.assets.features, 2_000))
      await client.post('/assets/import', { type: 'FeatureCollection', features });
    browser = await launchBrowser();
    page = await wallScreenPage(browser, errors);
  }, 5 * BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, BOOT_TIMEOUT_MS);

  it('draws every asset on the map and stays interactive', async () => {
    const started = Date.now();
    await signIn(page, t.baseUrl, t.adminToken);
    await waitForMap(page, ASSETS, 120_000);
    const renderMs = Date.now() - started;
    expect(await page.getAttribute('[data-testid=map-status]', 'data-shown')).toBe(String(ASSETS));
    await screenshot(page, 'scale-10k-map');

    let at = Date.now();
    await page.click('.leaflet-control-zoom-in');
    await page.waitForTimeout(300); // Leaflet's zoom animation
    await nextFrames(page);
    const zoomMs = Date.now() - at - 300;

    at = Date.now();
    const map = (await page.$('[data-testid=risk-map]'))!.boundingBox();
    const box = (await map)!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 300, box.y + box.height / 2 - 150, { steps: 10 });
    await page.mouse.up();
    await nextFrames(page);
    const panMs = Date.now() - at;

    at = Date.now();
    await page.click('.map-filters label:has-text("燃气") input');
    await page.waitForFunction(
      (total) =>
        Number(document.querySelector('[data-testid=map-status]')?.getAttribute('data-shown')) < total,
      ASSETS,
    );
    await nextFrames(page);
    const filterMs = Date.now() - at;
    const shown = Number(await page.getAttribute('[data-testid=map-status]', 'data-shown'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(ASSETS);
    await screenshot(page, 'scale-10k-gas-filter');

    const first = (await t.api('GET', '/api/v1/assets?limit=1')).body.items[0].id as string;
    at = Date.now();
    await page.goto(`${t.baseUrl}/?focus=${encodeURIComponent(first)}`);
    await page.waitForSelector('.asset-popup', { timeout: 120_000 });
    const focusMs = Date.now() - at;
    await screenshot(page, 'scale-10k-focus');

    expect(errors).toEqual([]);
    process.stdout.write(
      `console with ${ASSETS} assets: first render ${renderMs} ms (sign-in to all drawn), zoom ${zoomMs} ms, ` +
        `pan ${panMs} ms, domain filter ${filterMs} ms (${shown} shown), reload + focus ${focusMs} ms\n`,
    );
  }, 300_000);
});
