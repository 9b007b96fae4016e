import { sha256Hex } from '../../apps/server/src/common/secrets.js';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import {
  createOwnerUnits,
  device,
  errorFor,
  expectStatus,
  fieldsOf,
  idsOf,
  lineAsset,
  ownerUnit,
  pointAsset,
  tokenFor,
} from './fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('drain-co', ['drainage']));
  expectStatus(await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-SEG-1') }), 201);
  expectStatus(await t.api('POST', '/api/v1/assets', { body: pointAsset('GAS-MH-1') }), 201);
  expectStatus(
    await t.api('POST', '/api/v1/assets', {
      body: pointAsset('DR-MH-1', { domain: 'drainage', ownerUnitId: 'drain-co' }),
    }),
    201,
  );
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

describe('devices', () => {
  it('registers a device and shows its health fields without any secret', async () => {
    const res = await t.api('POST', '/api/v1/devices', {
      body: device('GAS-DEV-1', 'GAS-SEG-1', { ranges: { ch4_lel: { min: 0, max: 60 } } }),
    });
    expectStatus(res, 201);
    expect(res.body).toEqual({
      id: 'GAS-DEV-1',
      domain: 'gas',
      assetId: 'GAS-SEG-1',
      ownerUnitId: 'gas-co',
      name: null,
      metrics: ['ch4_lel', 'c2h6_present'],
      reportIntervalS: 900,
      ranges: { ch4_lel: { min: 0, max: 60 } },
      enabled: true,
      hasSecret: false,
      secretIssuedAt: null,
      online: false,
      lastSeenAt: null,
      batteryPct: null,
      rssiDbm: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await t.api('GET', '/api/v1/devices/GAS-DEV-1')).body).toEqual(res.body);
    expect((await t.api('POST', '/api/v1/devices', { body: device('GAS-DEV-1', 'GAS-SEG-1') })).status).toBe(
      409,
    );
  });

  it('checks metrics against the catalog of the domain', async () => {
    const res = await t.api('POST', '/api/v1/devices', {
      body: device('GAS-DEV-2', 'GAS-SEG-1', { metrics: ['ch4_lel', 'level_m', 'colour'] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('DEVICE_INVALID');
    expect(fieldsOf(res)).toEqual(['metrics.1', 'metrics.2']);
    expect(res.body.errors[0].message).toContain('not a gas metric');
  });

  it('requires an existing asset of the same domain', async () => {
    const mismatch = await t.api('POST', '/api/v1/devices', { body: device('GAS-DEV-3', 'DR-MH-1') });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.errors).toEqual([
      { field: 'assetId', message: 'asset DR-MH-1 is a drainage asset, not gas' },
    ]);
    const missing = await t.api('POST', '/api/v1/devices', { body: device('GAS-DEV-3', 'NOPE') });
    expect(missing.body.errors).toEqual([{ field: 'assetId', message: 'unknown asset NOPE' }]);
  });

  it('requires ranges inside the catalog range of a declared metric', async () => {
    const res = await t.api('POST', '/api/v1/devices', {
      body: device('DR-DEV-1', 'DR-MH-1', {
        domain: 'drainage',
        metrics: ['level_m'],
        ranges: { level_m: { min: 0, max: 9 }, rain_mm_h: { min: 0, max: 100 } },
      }),
    });
    expect(res.status).toBe(422);
    expect(fieldsOf(res)).toEqual(['ranges.level_m', 'ranges.rain_mm_h']);
    expect(errorFor(res, 'ranges.level_m')?.message).toContain('[0, 7]');
  });

  it('validates the request shape with 400', async () => {
    const res = await t.api('POST', '/api/v1/devices', {
      body: { ...device('GAS-DEV-4', 'GAS-SEG-1'), metrics: [], reportIntervalS: 0, secret: 'x' },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['metrics', 'reportIntervalS', 'secret']);
  });

  it('patches the profile and re-checks all of it', async () => {
    const ok = await t.api('PATCH', '/api/v1/devices/GAS-DEV-1', {
      body: { assetId: 'GAS-MH-1', metrics: ['ch4_lel', 'temperature_c'], name: '1号井', enabled: false },
    });
    expectStatus(ok, 200);
    expect(ok.body).toMatchObject({
      assetId: 'GAS-MH-1',
      metrics: ['ch4_lel', 'temperature_c'],
      name: '1号井',
      enabled: false,
    });
    // ch4_lel still carries a range: dropping it must fail, not orphan the range.
    const orphan = await t.api('PATCH', '/api/v1/devices/GAS-DEV-1', {
      body: { metrics: ['temperature_c'] },
    });
    expect(orphan.status).toBe(422);
    expect(fieldsOf(orphan)).toEqual(['ranges.ch4_lel']);
    expect((await t.api('PATCH', '/api/v1/devices/GAS-DEV-1', { body: { assetId: 'DR-MH-1' } })).status).toBe(
      422,
    );
    expect((await t.api('PATCH', '/api/v1/devices/GAS-DEV-1', { body: { domain: 'drainage' } })).status).toBe(
      400,
    );
    expect((await t.api('PATCH', '/api/v1/devices/NOPE', { body: { name: 'x' } })).body.code).toBe(
      'DEVICE_NOT_FOUND',
    );
  });

  it('lists with filters', async () => {
    expectStatus(await t.api('POST', '/api/v1/devices', { body: device('GAS-DEV-5', 'GAS-SEG-1') }), 201);
    expectStatus(
      await t.api('POST', '/api/v1/devices', {
        body: device('DR-DEV-2', 'DR-MH-1', { domain: 'drainage', metrics: ['level_m'] }),
      }),
      201,
    );
    const ids = async (query: string): Promise<string[]> =>
      idsOf((await t.api('GET', `/api/v1/devices${query}`)).body.items);
    expect(await ids('')).toEqual(['DR-DEV-2', 'GAS-DEV-1', 'GAS-DEV-5']);
    expect(await ids('?domain=gas')).toEqual(['GAS-DEV-1', 'GAS-DEV-5']);
    expect(await ids('?assetId=GAS-SEG-1')).toEqual(['GAS-DEV-5']);
    expect(await ids('?ownerUnitId=drain-co')).toEqual(['DR-DEV-2']);
    expect(await ids('?enabled=false')).toEqual(['GAS-DEV-1']);
    expect(await ids('?online=false&limit=1')).toEqual(['DR-DEV-2']);
    expect((await t.api('GET', '/api/v1/devices?online=yes')).status).toBe(400);
  });
});

describe('device secrets', () => {
  it('issues a secret shown once and stores only its sha256', async () => {
    const res = await t.api('POST', '/api/v1/devices/GAS-DEV-5/secret');
    expectStatus(res, 201);
    expect(res.body).toEqual({ deviceId: 'GAS-DEV-5', secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const row = await t.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', 'GAS-DEV-5')
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(res.body.secret));
    expect(JSON.stringify(row)).not.toContain(res.body.secret);
    const view = (await t.api('GET', '/api/v1/devices/GAS-DEV-5')).body;
    expect(view).toMatchObject({ hasSecret: true, secretIssuedAt: expect.any(String) });
    expect(JSON.stringify(view)).not.toContain(row.secret_hash);
  });

  it('rotates: a new secret replaces the old hash', async () => {
    const before = await t.db
      .selectFrom('devices')
      .select('secret_hash')
      .where('id', '=', 'GAS-DEV-5')
      .executeTakeFirstOrThrow();
    const res = await t.api('POST', '/api/v1/devices/GAS-DEV-5/secret', {
      token: await tokenFor(t, 'operator'),
    });
    const after = await t.db
      .selectFrom('devices')
      .select('secret_hash')
      .where('id', '=', 'GAS-DEV-5')
      .executeTakeFirstOrThrow();
    expect(after.secret_hash).toBe(sha256Hex(res.body.secret));
    expect(after.secret_hash).not.toBe(before.secret_hash);
  });

  it('is refused to a monitor and answers 404 for unknown devices', async () => {
    expect(
      (await t.api('POST', '/api/v1/devices/GAS-DEV-5/secret', { token: await tokenFor(t, 'monitor') }))
        .status,
    ).toBe(403);
    expect((await t.api('POST', '/api/v1/devices/NOPE/secret')).status).toBe(404);
  });
});
