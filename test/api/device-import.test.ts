import { sha256Hex } from '../../apps/server/src/common/secrets.js';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import {
  createOwnerUnits,
  device,
  expectStatus,
  featureCollection,
  lineAsset,
  nth,
  ownerUnit,
  pointAsset,
  rowFieldsOf,
} from './fixtures.js';

let t: TestApp;
const ASSETS = 60;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('water-co', ['water']));
  const assets = Array.from({ length: ASSETS }, (_, i) => lineAsset(nth('SEG', i + 1)));
  assets.push(pointAsset('WATER-1', { domain: 'water', ownerUnitId: 'water-co' }));
  expectStatus(await t.api('POST', '/api/v1/assets/import', { body: featureCollection(assets) }), 200);
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

/** 650 devices spread over the gas segments, as the seed loader sends them. */
const fleet = (): Record<string, unknown>[] =>
  Array.from({ length: 650 }, (_, i) => device(nth('DEV', i + 1), nth('SEG', (i % ASSETS) + 1)));
const countDevices = async (): Promise<number> =>
  Number(
    (
      await t.db
        .selectFrom('devices')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /devices/import', () => {
  it('rejects everything when rows are bad, reporting each row', async () => {
    const devices = fleet();
    devices[9] = { ...devices[9], metrics: ['ch4_lel', 'flow_m3h'] };
    devices[99] = { ...devices[99], assetId: 'WATER-1' };
    devices[199] = { ...devices[199], reportIntervalS: -5 };
    devices[299] = devices[0];
    const res = await t.api('POST', '/api/v1/devices/import?issueSecrets=true', { body: devices });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(rowFieldsOf(res)).toEqual(['10:metrics.1', '100:assetId', '200:reportIntervalS', '300:id']);
    expect(res.body).not.toHaveProperty('secrets');
    expect(await countDevices()).toBe(0);
  });

  it('imports 650 devices and issues a secret for each, stored hashed', async () => {
    const res = await t.api('POST', '/api/v1/devices/import?issueSecrets=true', { body: fleet() });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ imported: 650, created: 650, updated: 0 });
    expect(Object.keys(res.body.secrets)).toHaveLength(650);
    const rows = await t.db.selectFrom('devices').select(['id', 'secret_hash']).execute();
    expect(rows).toHaveLength(650);
    for (const row of rows) expect(row.secret_hash).toBe(sha256Hex(res.body.secrets[row.id]));
  });

  it('upserts without touching secrets unless asked, and refuses a non-array', async () => {
    const before = await t.db
      .selectFrom('devices')
      .select('secret_hash')
      .where('id', '=', 'DEV-00001')
      .executeTakeFirstOrThrow();
    const res = await t.api('POST', '/api/v1/devices/import', {
      body: [device('DEV-00001', 'SEG-00002', { name: 'moved' }), device('DEV-NEW', 'SEG-00001')],
    });
    expect(res.body).toEqual({ imported: 2, created: 1, updated: 1 });
    const after = await t.db
      .selectFrom('devices')
      .select(['secret_hash', 'asset_id', 'name'])
      .where('id', '=', 'DEV-00001')
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ secret_hash: before.secret_hash, asset_id: 'SEG-00002', name: 'moved' });
    expect((await t.api('POST', '/api/v1/devices/import', { body: { devices: [] } })).body.code).toBe(
      'IMPORT_MALFORMED',
    );
    expect((await t.api('POST', '/api/v1/devices/import?issueSecrets=maybe', { body: [] })).status).toBe(400);
  });
});
