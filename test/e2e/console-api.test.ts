import { encodeReadingLine, InfluxHttp } from '#influx';
import {
  createOwnerUnits,
  expectStatus,
  lineAsset,
  ownerUnit,
  pointAsset,
  tokenFor,
} from '../api/fixtures.js';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import { createTestInfluxDb, type TestInfluxDb } from '../support/influx.js';

const HOUR = 3_600_000;

/**
 * What the console needs from the server besides the feature APIs: who the token is (/me), the base map,
 * the telemetry history (scoped like the registry), and the console itself at `/` with its CSP, without
 * shadowing /api, /health or /metrics.
 */
describe('console support API and hosting', () => {
  let t: TestApp;
  let influx: TestInfluxDb;
  const now = Date.now();

  beforeAll(async () => {
    influx = await createTestInfluxDb();
    t = await startTestApp({
      INFLUX_URL: influx.url,
      INFLUX_DB: influx.database,
      CONSOLE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
    });
    await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('water-co', ['water']));
    expectStatus(await t.api('POST', '/api/v1/assets', { body: pointAsset('MH-1') }), 201);
    expectStatus(
      await t.api('POST', '/api/v1/assets', {
        body: lineAsset('W-1', { domain: 'water', ownerUnitId: 'water-co' }),
      }),
      201,
    );
    const writer = new InfluxHttp({ url: influx.url, database: influx.database, timeoutMs: 10_000 });
    const lines = [30, 20, 10].map((minutesAgo, i) =>
      encodeReadingLine({
        domain: 'gas',
        district: '康巴什区',
        assetId: 'MH-1',
        deviceId: 'DEV-1',
        ts: now - minutesAgo * 60_000,
        seq: i,
        metrics: { ch4_lel: 10 * (i + 1) },
        quality: 'good',
      }),
    );
    await writer.writeLines(lines);
    writer.close();
  }, 2 * BOOT_TIMEOUT_MS);

  afterAll(async () => {
    await t?.close();
    await influx?.drop();
  }, BOOT_TIMEOUT_MS);

  it('tells a token its role, owner unit and audit actor', async () => {
    const utility = await tokenFor(t, 'utility', 'gas-co');
    const me = await t.api('GET', '/api/v1/me', { token: utility });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      role: 'utility',
      ownerUnitId: 'gas-co',
      actor: expect.stringMatching(/^token:/),
    });
    expect((await t.api('GET', '/api/v1/me', { token: null })).status).toBe(401);
  });

  it('serves the offline base map and the optional tile layer', async () => {
    const district = await t.api('GET', '/api/v1/map/district');
    expect(district.status).toBe(200);
    expect(district.body.type).toBe('FeatureCollection');
    const features = district.body.features as { properties: { kind: string } }[];
    expect(features.map((f) => f.properties.kind)).toEqual(
      expect.arrayContaining(['district', 'street', 'river']),
    );
    const basemap = await t.api('GET', '/api/v1/map/basemap');
    expect(basemap.body).toEqual({
      tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      attribution: null,
    });
  });

  it('answers the history of a metric in buckets, per device', async () => {
    const from = new Date(now - HOUR).toISOString();
    const res = await t.api('GET', `/api/v1/assets/MH-1/telemetry?metric=ch4_lel&from=${from}&every=5m`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assetId: 'MH-1', metric: 'ch4_lel', unit: '%LEL', every: '5m' });
    expect(res.body.devices).toHaveLength(1);
    expect(res.body.devices[0].deviceId).toBe('DEV-1');
    const points = res.body.devices[0].points as { mean: number }[];
    expect(points.map((p) => p.mean)).toEqual([10, 20, 30]);
  });

  it('refuses metrics outside the asset’s catalog and hides other units’ assets from a utility', async () => {
    const bad = await t.api('GET', '/api/v1/assets/MH-1/telemetry?metric=flow_m3h');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('metric');
    expect((await t.api('GET', '/api/v1/assets/MH-1/telemetry?metric=ch4_lel&every=5x')).status).toBe(400);
    const water = await tokenFor(t, 'utility', 'water-co');
    expect(
      (await t.api('GET', '/api/v1/assets/MH-1/telemetry?metric=ch4_lel', { token: water })).status,
    ).toBe(404);
    expect(
      (await t.api('GET', '/api/v1/assets/W-1/telemetry?metric=pressure_mpa', { token: water })).status,
    ).toBe(200);
  });

  it('hosts the console at / and its routes, with a CSP that allows only itself and the tile host', async () => {
    for (const path of ['/', '/board', '/assets/MH-1']) {
      const res = await fetch(`${t.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="app">');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob: https://*.tiles.example.org");
    }
  });

  it('leaves /api, /health and /metrics to the server and 404s missing assets', async () => {
    const api = await fetch(`${t.baseUrl}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('problem+json');
    expect(api.headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${t.baseUrl}/health/live`, { headers: { accept: 'text/html' } })).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/metrics`)).headers.get('content-type')).toContain('text/plain');
    expect((await fetch(`${t.baseUrl}/assets/index-missing.js`, { headers: { accept: '*/*' } })).status).toBe(
      404,
    );
  });
});
