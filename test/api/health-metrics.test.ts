import { HealthRegistry } from '../../apps/server/src/health/health.registry.js';
import { MetricsService } from '../../apps/server/src/metrics/metrics.service.js';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

describe('health', () => {
  it('is live', async () => {
    expect(await t.api('GET', '/health/live', { token: null })).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('is ready when PostgreSQL answers', async () => {
    const res = await t.api('GET', '/health/ready', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual([{ name: 'postgres', ok: true, ms: expect.any(Number) }]);
  });

  it('answers 503 problem+json naming the failing checks once one fails', async () => {
    const registry = t.app.get(HealthRegistry);
    let brokerUp = false;
    registry.register('broker', async () => {
      if (!brokerUp) throw new Error('connect ECONNREFUSED 127.0.0.1:1883');
    });
    const res = await t.api('GET', '/health/ready', { token: null });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'NOT_READY',
      detail: 'not ready: broker',
      checks: expect.arrayContaining([{ name: 'broker', ok: false, ms: expect.any(Number) }]),
    });
    expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    brokerUp = true;
    expect((await t.api('GET', '/health/ready', { token: null })).status).toBe(200);
    expect(() => registry.register('broker', async () => undefined)).toThrow(/already registered/);
  });
});

describe('metrics', () => {
  it('serves Prometheus text with process metrics and the HTTP duration histogram by route pattern', async () => {
    await t.api('GET', '/api/v1/assets/SOME-ID');
    const res = await t.api('GET', '/metrics', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.body).toContain('# TYPE lifeline_process_cpu_seconds_total counter');
    expect(res.body).toMatch(
      /lifeline_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/assets\/:id",status_code="404"\} 1/,
    );
  });

  it('shares one registry that other modules add to', async () => {
    const { Counter } = await import('prom-client');
    const registry = t.app.get(MetricsService).registry;
    new Counter({ name: 'lifeline_test_things_total', help: 'test', registers: [registry] }).inc(3);
    expect((await t.api('GET', '/metrics', { token: null })).body).toContain('lifeline_test_things_total 3');
  });
});

describe('OpenAPI', () => {
  it('serves the document with bearer auth, the registry paths and problem responses', async () => {
    const res = await t.api('GET', '/api/docs-json', { token: null });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const path of [
      '/api/v1/assets',
      '/api/v1/assets/import',
      '/api/v1/assets/{id}',
      '/api/v1/devices/{id}/secret',
      '/api/v1/devices/import',
      '/api/v1/owner-units',
      '/api/v1/tokens',
      '/api/v1/audit',
      '/health/ready',
      '/metrics',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/assets/{id}'].get.responses['404'].content).toHaveProperty([
      'application/problem+json',
    ]);
    expect(doc.paths['/api/v1/assets'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.CreateAssetDto.required).toEqual(
      expect.arrayContaining(['id', 'domain', 'geometry', 'ownerUnitId']),
    );
    expect(doc.info.description).toContain('utility');
  });

  it('serves the UI', async () => {
    const res = await t.api('GET', '/api/docs', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toContain('swagger-ui');
  });
});
