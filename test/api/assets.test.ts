import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import {
  createOwnerUnits,
  expectStatus,
  fieldsOf,
  idsOf,
  lineAsset,
  nth,
  ownerUnit,
  pointAsset,
} from './fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('water-co', ['water']));
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

describe('asset CRUD', () => {
  it('registers a line asset and computes its length by haversine', async () => {
    const res = await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-SEG-1') });
    expectStatus(res, 201);
    // 0.01° of longitude at 39.6° N ≈ 111,195 m × cos(39.6°) / 100 ≈ 856.9 m
    expect(res.body.lengthM).toBeCloseTo(856.9, 0);
    expect(res.body).toMatchObject({
      id: 'GAS-SEG-1',
      domain: 'gas',
      ownerUnitId: 'gas-co',
      parentId: null,
      attributes: { material: 'pe' },
    });
    expect((await t.api('GET', '/api/v1/assets/GAS-SEG-1')).body).toEqual(res.body);
  });

  it('keeps a given length and leaves points without one', async () => {
    expect(
      (await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-SEG-2', { lengthM: 1000 }) })).body
        .lengthM,
    ).toBe(1000);
    expect(
      (await t.api('POST', '/api/v1/assets', { body: pointAsset('GAS-MH-1', { parentId: 'GAS-SEG-1' }) }))
        .body,
    ).toMatchObject({
      lengthM: null,
      parentId: 'GAS-SEG-1',
    });
  });

  it('keeps unknown census attributes and type-checks known ones', async () => {
    const ok = await t.api('POST', '/api/v1/assets', {
      body: lineAsset('GAS-SEG-3', { attributes: { install_year: 1995, surveyor: 'team 4' } }),
    });
    expect(ok.body.attributes).toEqual({ install_year: 1995, surveyor: 'team 4' });
    const bad = await t.api('POST', '/api/v1/assets', {
      body: lineAsset('GAS-SEG-4', { attributes: { install_year: '1995', material: 'wood' } }),
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['attributes.install_year', 'attributes.material']);
  });

  it('refuses duplicates (409), unknown owner units and parents (422)', async () => {
    expect((await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-SEG-1') })).body.code).toBe(
      'ASSET_ALREADY_EXISTS',
    );
    const res = await t.api('POST', '/api/v1/assets', {
      body: lineAsset('GAS-SEG-5', { ownerUnitId: 'nobody', parentId: 'NOPE' }),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'ASSET_INVALID' });
    expect(fieldsOf(res)).toEqual(['ownerUnitId', 'parentId']);
  });

  it('refuses geometries that are not GeoJSON or out of range', async () => {
    for (const geometry of [
      { type: 'LineString', coordinates: [[109.78, 39.6]] },
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      { type: 'Point', coordinates: [109, 95] },
      { type: 'Point', coordinates: ['109', 39] },
      'POINT(109 39)',
    ]) {
      const res = await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-GEO', { geometry }) });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('geometry');
    }
  });
});

describe('PATCH /assets/{id}', () => {
  it('changes fields, merges attributes and recomputes the length of a new line', async () => {
    const res = await t.api('PATCH', '/api/v1/assets/GAS-SEG-2', {
      body: {
        name: 'renamed',
        attributes: { install_year: null, diameter_mm: 300 },
        geometry: {
          type: 'LineString',
          coordinates: [
            [109.78, 39.6],
            [109.78, 39.61],
          ],
        },
      },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ name: 'renamed', attributes: { material: 'pe', diameter_mm: 300 } });
    expect(res.body.attributes).not.toHaveProperty('install_year');
    expect(res.body.lengthM).toBeCloseTo(1112, 0);
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
  });

  it('detaches a parent with null, and refuses a cycle', async () => {
    expect(
      (await t.api('PATCH', '/api/v1/assets/GAS-MH-1', { body: { parentId: null } })).body.parentId,
    ).toBeNull();
    expectStatus(await t.api('PATCH', '/api/v1/assets/GAS-MH-1', { body: { parentId: 'GAS-SEG-1' } }), 200);
    const cycle = await t.api('PATCH', '/api/v1/assets/GAS-SEG-1', { body: { parentId: 'GAS-MH-1' } });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0]).toMatchObject({ field: 'parentId' });
    expect((await t.api('GET', '/api/v1/assets/GAS-SEG-1')).body.parentId).toBeNull();
    expect(
      (await t.api('PATCH', '/api/v1/assets/GAS-SEG-1', { body: { parentId: 'GAS-SEG-1' } })).status,
    ).toBe(422);
  });

  it('refuses immutable fields, nulls in required fields and unknown ids', async () => {
    const res = await t.api('PATCH', '/api/v1/assets/GAS-SEG-1', {
      body: { domain: 'water', id: 'X', name: null },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['domain', 'id', 'name']);
    expect((await t.api('PATCH', '/api/v1/assets/NOPE', { body: { name: 'x' } })).status).toBe(404);
    expect(
      (await t.api('PATCH', '/api/v1/assets/GAS-SEG-1', { body: { ownerUnitId: 'nobody' } })).status,
    ).toBe(422);
  });
});

describe('GET /assets', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 12; i++) {
      const water = i % 3 === 0;
      const body = lineAsset(nth('LIST', i), {
        domain: water ? 'water' : 'gas',
        ownerUnitId: water ? 'water-co' : 'gas-co',
        district: i % 2 === 0 ? '东胜区' : '康巴什区',
        kind: water ? 'pipe' : 'pipeline_segment',
      });
      expectStatus(await t.api('POST', '/api/v1/assets', { body }), 201);
    }
  });

  it('filters by domain, district, owner unit and kind', async () => {
    const water = await t.api('GET', '/api/v1/assets?domain=water');
    expect(idsOf(water.body.items)).toEqual(['LIST-00003', 'LIST-00006', 'LIST-00009', 'LIST-00012']);
    const both = await t.api(
      'GET',
      `/api/v1/assets?ownerUnitId=water-co&district=${encodeURIComponent('东胜区')}`,
    );
    expect(idsOf(both.body.items)).toEqual(['LIST-00006', 'LIST-00012']);
    expect((await t.api('GET', '/api/v1/assets?kind=pipe')).body.items).toHaveLength(4);
  });

  it('pages by cursor and by offset', async () => {
    const first = await t.api(
      'GET',
      '/api/v1/assets?domain=gas&district=' + encodeURIComponent('康巴什区') + '&limit=3',
    );
    expect(idsOf(first.body.items)).toEqual(['GAS-MH-1', 'GAS-SEG-1', 'GAS-SEG-2']);
    const second = await t.api('GET', `/api/v1/assets?domain=gas&limit=100&cursor=${first.body.nextCursor}`);
    expect(idsOf(second.body.items)[0]).toBe('GAS-SEG-3');
    expect(second.body.nextCursor).toBeNull();
    const offset = await t.api('GET', '/api/v1/assets?domain=water&offset=2&limit=1');
    expect(idsOf(offset.body.items)).toEqual(['LIST-00009']);
    expect((await t.api('GET', `/api/v1/assets?offset=1&cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('answers a GeoJSON FeatureCollection with format=geojson', async () => {
    const res = await t.api('GET', '/api/v1/assets?format=geojson&domain=water&limit=2');
    expect(res.body.type).toBe('FeatureCollection');
    expect(res.body.features).toHaveLength(2);
    expect(res.body.features[0]).toMatchObject({
      type: 'Feature',
      id: 'LIST-00003',
      geometry: { type: 'LineString' },
      properties: { id: 'LIST-00003', domain: 'water', ownerUnitId: 'water-co' },
    });
    expect(res.body.features[0].properties).not.toHaveProperty('geometry');
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });
});
