import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import {
  createOwnerUnits,
  expectStatus,
  feature,
  featureCollection,
  lineAsset,
  nth,
  ownerUnit,
  pointAsset,
  rowFieldsOf,
} from './fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('water-co', ['water']));
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

const countAssets = async (prefix: string): Promise<number> =>
  Number(
    (
      await t.db
        .selectFrom('assets')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('id', 'like', `${prefix}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

const importGeoJson = (body: unknown, contentType = 'application/geo+json') =>
  t.api('POST', '/api/v1/assets/import', { body, contentType });

describe('GeoJSON import', () => {
  it('imports 100 features, then upserts them', async () => {
    const assets = Array.from({ length: 100 }, (_, i) => lineAsset(nth('IMP', i + 1)));
    const first = await importGeoJson(featureCollection(assets));
    expectStatus(first, 200);
    expect(first.body).toEqual({ imported: 100, created: 100, updated: 0 });
    expect(await countAssets('IMP-')).toBe(100);

    const renamed = assets.map((a, i) => (i < 10 ? { ...a, name: 'renamed' } : a));
    const again = await importGeoJson(
      featureCollection([...renamed, lineAsset('IMP-NEW')]),
      'application/json',
    );
    expect(again.body).toEqual({ imported: 101, created: 1, updated: 100 });
    expect((await t.api('GET', '/api/v1/assets/IMP-00001')).body).toMatchObject({
      name: 'renamed',
      lengthM: expect.any(Number),
    });
  });

  it('rejects a file with 2 bad rows among 100, reports both, and writes nothing', async () => {
    const assets = Array.from({ length: 100 }, (_, i) => lineAsset(nth('BAD', i + 1)));
    assets[16] = { ...assets[16], domain: 'oil' };
    assets[72] = {
      ...assets[72],
      geometry: { type: 'Point', coordinates: [109, 120] },
      attributes: { install_year: 'old' },
    };
    const res = await importGeoJson(featureCollection(assets));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.errors).toEqual([
      { row: 17, field: 'domain', message: expect.any(String) },
      { row: 73, field: 'geometry', message: expect.stringContaining('latitude') },
      { row: 73, field: 'attributes.install_year', message: expect.any(String) },
    ]);
    expect(await countAssets('BAD-')).toBe(0);
  });

  it('finds duplicate ids, unknown owner units and parents, and domain changes — and writes nothing', async () => {
    const res = await importGeoJson(
      featureCollection([
        lineAsset('DUP-1'),
        lineAsset('DUP-1'),
        lineAsset('DUP-2', { ownerUnitId: 'nobody' }),
        pointAsset('DUP-3', { parentId: 'NOWHERE' }),
        lineAsset('IMP-00002', { domain: 'water', ownerUnitId: 'water-co' }),
      ]),
    );
    expect(res.status).toBe(422);
    expect(rowFieldsOf(res)).toEqual(['2:id', '3:ownerUnitId', '4:parentId', '5:domain']);
    expect(await countAssets('DUP-')).toBe(0);
    expect((await t.api('GET', '/api/v1/assets/IMP-00002')).body.domain).toBe('gas');
  });

  it('accepts children before their parents in the file, and refuses parent cycles', async () => {
    const ok = await importGeoJson(
      featureCollection([pointAsset('TREE-CHILD', { parentId: 'TREE-ROOT' }), lineAsset('TREE-ROOT')]),
    );
    expectStatus(ok, 200);
    expect((await t.api('GET', '/api/v1/assets/TREE-CHILD')).body.parentId).toBe('TREE-ROOT');

    const cycle = await importGeoJson(
      featureCollection([
        lineAsset('CYC-A', { parentId: 'CYC-B' }),
        lineAsset('CYC-B', { parentId: 'CYC-A' }),
      ]),
    );
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors).toEqual([
      { row: 1, field: 'parentId', message: 'parents form a cycle' },
      { row: 2, field: 'parentId', message: 'parents form a cycle' },
    ]);
    expect(await countAssets('CYC-')).toBe(0);
  });

  it('refuses what is not a FeatureCollection (400) and other media types (415)', async () => {
    expect((await importGeoJson({ type: 'Feature' })).body).toMatchObject({
      status: 400,
      code: 'IMPORT_MALFORMED',
    });
    const notFeature = await importGeoJson({ type: 'FeatureCollection', features: [{ id: 'X' }] });
    expect(notFeature.body.errors).toEqual([{ row: 1, field: '', message: 'must be a GeoJSON Feature' }]);
    const xml = await t.api('POST', '/api/v1/assets/import', {
      body: '<xml/>',
      contentType: 'application/xml',
    });
    expect(xml.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('imports 2,500 features in one transaction (several insert batches)', async () => {
    const assets = Array.from({ length: 2500 }, (_, i) => lineAsset(nth('BULK', i + 1)));
    const res = await importGeoJson({ type: 'FeatureCollection', features: assets.map(feature) });
    expect(res.body).toEqual({ imported: 2500, created: 2500, updated: 0 });
    expect(await countAssets('BULK-')).toBe(2500);
  }, 30_000);
});

describe('CSV import', () => {
  const header =
    'id,domain,kind,name,district,ownerUnitId,geometry,lon,lat,attr.install_year,attr.crowded_places,attr.subsidence,attr.surveyor';
  const line = '"{""type"":""LineString"",""coordinates"":[[109.78,39.6],[109.79,39.6]]}"';
  const csv = (rows: string[]): string => [header, ...rows].join('\r\n') + '\r\n';

  it('imports rows with GeoJSON or lon/lat geometry and typed attr.* columns', async () => {
    const res = await t.api('POST', '/api/v1/assets/import', {
      contentType: 'text/csv; charset=utf-8',
      body: csv([
        `CSV-1,gas,pipeline_segment,"中压段, 一号",康巴什区,gas-co,${line},,,1998,school;hospital,true,team 4`,
        'CSV-2,water,valve,阀门,康巴什区,water-co,,109.781,39.601,,,,',
      ]),
    });
    expectStatus(res, 200);
    expect(res.body).toEqual({ imported: 2, created: 2, updated: 0 });
    const one = (await t.api('GET', '/api/v1/assets/CSV-1')).body;
    expect(one).toMatchObject({
      name: '中压段, 一号',
      attributes: {
        install_year: 1998,
        crowded_places: ['school', 'hospital'],
        subsidence: true,
        surveyor: 'team 4',
      },
    });
    expect(one.lengthM).toBeGreaterThan(800);
    expect((await t.api('GET', '/api/v1/assets/CSV-2')).body.geometry).toEqual({
      type: 'Point',
      coordinates: [109.781, 39.601],
    });
  });

  it('reports every bad row by its data line and writes nothing', async () => {
    const res = await t.api('POST', '/api/v1/assets/import', {
      contentType: 'text/csv',
      body: csv([
        'CSV-3,gas,manhole,井,康巴什区,gas-co,,109.78,39.6,,,,',
        'CSV-4,gas,manhole,井,康巴什区,gas-co,{not json},,,,,,',
        'CSV-5,gas,manhole,井,康巴什区,gas-co,,109.78,39.6,nineteen,,maybe,',
        'CSV-6,gas,manhole,井',
      ]),
    });
    expect(res.status).toBe(422);
    expect(rowFieldsOf(res)).toEqual([
      '2:geometry',
      '3:attributes.install_year',
      '3:attributes.subsidence',
      '4:',
    ]);
    expect(await countAssets('CSV-3')).toBe(0);
  });

  it('refuses a header without required or with unknown columns (400)', async () => {
    const res = await t.api('POST', '/api/v1/assets/import', {
      contentType: 'text/csv',
      body: 'id,domain,colour\nX,gas,red\n',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_MALFORMED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { row: 0, field: 'kind', message: 'required column missing' },
        { row: 0, field: 'colour', message: 'unknown column' },
      ]),
    );
  });
});
