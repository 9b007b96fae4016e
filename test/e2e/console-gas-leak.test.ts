import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { buildRunConfig } from '../../simulators/src/run/options.js';
import { Runner } from '../../simulators/src/run/runner.js';
import { tokenFor } from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS } from '../support/app.js';
import {
  colourNearCentre,
  launchBrowser,
  screenshot,
  signIn,
  wallScreenPage,
  waitForMap,
} from './browser.js';
import { startConsoleApp, type ConsoleApp } from './console-app.js';

/** The sample city's worked-example gas main (DOMAIN.md §b.3), the simulators' gas-leak target. */
const TARGET = 'GAS-SEG-0001';
const SAMPLE_ASSETS = 441;
/** The console's red (src/ui/levels.ts LEVEL_COLOURS.major). */
const RED: [number, number, number] = [0xff, 0x3b, 0x30];

/**
 * The monitoring room's view of a gas leak, end to end: real service (all roles, embedded broker,
 * PostgreSQL, InfluxDB), the sample city, the simulators' gas-leak scenario over MQTT (20× time), and the
 * console in Chromium — the main turns red on the map, a red alarm tops the queue, and acknowledging it
 * in the console is what the API then reports, by the signed-in token's actor.
 */
describe('console: gas leak on the sample gas main', () => {
  let app: ConsoleApp;
  let browser: Browser;
  let page: Page;
  let runner: Runner | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    app = await startConsoleApp();
    browser = await launchBrowser();
    page = await wallScreenPage(browser, errors);
  }, 4 * BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await runner?.stop('test done');
    await browser?.close();
    await app?.close();
  }, 2 * BOOT_TIMEOUT_MS);

  it('turns the main red, puts a red alarm on top of the queue, and records the acknowledgement', async () => {
    const { t, monitor } = app;
    await signIn(page, t.baseUrl, monitor.token);
    await waitForMap(page, SAMPLE_ASSETS);
    await page.waitForSelector('[data-testid=live-status].live');
    await screenshot(page, 'gas-leak-0-before');

    const config = buildRunConfig(
      {
        scenario: 'gas-leak',
        asset: TARGET,
        speedup: '20',
        'scenario-start': '1',
        domain: 'gas',
        devices: '1',
      },
      app.credentials,
      () => undefined,
    );
    runner = new Runner(config);
    void runner.run();

    const top = page.locator('[data-testid=alarm-card]').first();
    await page.waitForSelector('[data-testid=alarm-card][data-level=major]', { timeout: 120_000 });
    expect(await top.getAttribute('data-level')).toBe('major');
    await screenshot(page, 'gas-leak-1-alarm');

    await page.goto(`${t.baseUrl}/?focus=${TARGET}`);
    await page.waitForSelector('.asset-popup .level-chip.level-major', { timeout: 120_000 });
    await waitForMap(page, SAMPLE_ASSETS);
    expect(await colourNearCentre(page, RED)).toBeGreaterThan(0.01);
    expect(Number(await page.getAttribute('[data-testid=legend-major]', 'data-count'))).toBeGreaterThan(0);
    await screenshot(page, 'gas-leak-2-map-red');

    const card = page.locator('[data-testid=alarm-card][data-level=major]').first();
    const alarmId = (await card.getAttribute('data-alarm-id'))!;
    await card.locator('button[data-action=acknowledge]').click();
    await page.fill('[data-testid=action-dialog] textarea', '值班员已电话联系城燃公司，现场核查中');
    await screenshot(page, 'gas-leak-3-acknowledge-dialog');
    await page.click('[data-testid=action-dialog] button[type=submit]');
    await page.waitForSelector(`[data-alarm-id="${alarmId}"] [data-testid=ack-flag].acked`);
    await screenshot(page, 'gas-leak-4-acknowledged');

    const alarm = await t.api('GET', `/api/v1/alarms/${alarmId}`);
    expect(alarm.status).toBe(200);
    expect(alarm.body.acknowledged).toMatchObject({ by: monitor.actor });
    expect(alarm.body.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'alarm.acknowledged',
          actor: monitor.actor,
          reason: '值班员已电话联系城燃公司，现场核查中',
        }),
      ]),
    );

    await page.click(`[data-alarm-id="${alarmId}"] .asset-name`);
    await page.waitForSelector('[data-testid=risk-card] .level-chip');
    await page.selectOption('[data-testid=trend-metric]', 'ch4_lel');
    await page.waitForSelector('[data-testid=trend-chart] circle', { timeout: 30_000 });
    await screenshot(page, 'gas-leak-5-asset-page');
    expect(errors).toEqual([]);
  }, 300_000);

  it('lists the main in the risk list, exports it as CSV and opens the printable report', async () => {
    await page.click('nav >> text=风险清单');
    const row = page.locator('[data-testid=risk-list] tr', { hasText: TARGET });
    await row.locator('.level-chip.level-major').waitFor();
    await screenshot(page, 'gas-leak-6-risk-list');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(TARGET);

    const [report] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click('[data-testid=open-report]'),
    ]);
    await report.waitForSelector('h1');
    expect(await report.textContent('h1')).toContain('风险评估报告');
    // Its stylesheet applies under the console's CSP (report-style.ts sets the title in 24 px).
    expect(await report.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontSize)).toBe(
      '24px',
    );
    await screenshot(report, 'gas-leak-7-printable-report');
    await report.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows an auditor the same queue without any workflow action', async () => {
    const auditor = await tokenFor(app.t, 'auditor');
    const readOnly = await wallScreenPage(browser, errors);
    await signIn(readOnly, app.t.baseUrl, auditor, '/alarms');
    await readOnly.waitForSelector('[data-testid=alarm-card][data-level=major]');
    expect(await readOnly.locator('[data-testid=alarm-card] button[data-action]').count()).toBe(0);
    await screenshot(readOnly, 'gas-leak-8-auditor-queue');
    await readOnly.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
