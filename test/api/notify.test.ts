import pg from 'pg';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import {
  createOwnerUnits,
  device,
  expectStatus,
  featureCollection,
  lineAsset,
  ownerUnit,
} from './fixtures.js';

let t: TestApp;
let listener: pg.Client;
const received: { channel: string; payload: string }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit());
  // A separate session on the app's database, as the MQTT ingest LISTENs.
  listener = new pg.Client({ connectionString: t.databaseUrl });
  await listener.connect();
  listener.on('notification', (n) => received.push({ channel: n.channel, payload: n.payload ?? '' }));
  await listener.query('listen device_changed');
  await listener.query('listen asset_changed');
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await listener?.end();
  await t?.close();
}, BOOT_TIMEOUT_MS);

/** NOTIFY is delivered asynchronously after commit; wait until `n` more arrive (bounded, not timed). */
async function next(n: number): Promise<{ channel: string; payload: string }[]> {
  const start = received.length;
  for (let i = 0; i < 200 && received.length < start + n; i++) await new Promise((r) => setTimeout(r, 10));
  return received.slice(start);
}

/** A round trip through the listener's connection: any notification sent before it has arrived. */
async function settle(): Promise<void> {
  await listener.query('select 1');
}

describe('pg_notify on registry writes', () => {
  it('notifies asset_changed for an asset write', async () => {
    const pending = next(1);
    expectStatus(await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-1') }), 201);
    expect(await pending).toEqual([{ channel: 'asset_changed', payload: 'GAS-1' }]);
  });

  it('notifies device_changed for create, update and secret rotation', async () => {
    const pending = next(3);
    expectStatus(await t.api('POST', '/api/v1/devices', { body: device('DEV-1', 'GAS-1') }), 201);
    expectStatus(await t.api('PATCH', '/api/v1/devices/DEV-1', { body: { enabled: false } }), 200);
    expectStatus(await t.api('POST', '/api/v1/devices/DEV-1/secret'), 201);
    expect(await pending).toEqual([1, 2, 3].map(() => ({ channel: 'device_changed', payload: 'DEV-1' })));
  });

  it('notifies every id of an import, and nothing for a rejected one', async () => {
    const pending = next(2);
    expectStatus(
      await t.api('POST', '/api/v1/assets/import', {
        body: featureCollection([lineAsset('GAS-2'), lineAsset('GAS-3')]),
      }),
      200,
    );
    expect((await pending).map((n) => n.payload).sort()).toEqual(['GAS-2', 'GAS-3']);

    const before = received.length;
    const cycle = featureCollection([
      lineAsset('CYC-A', { parentId: 'CYC-B' }),
      lineAsset('CYC-B', { parentId: 'CYC-A' }),
    ]);
    expect((await t.api('POST', '/api/v1/assets/import', { body: cycle })).status).toBe(422);
    const failedDevice = await t.api('POST', '/api/v1/devices', {
      body: device('DEV-2', 'GAS-1', { metrics: ['level_m'] }),
    });
    expect(failedDevice.status).toBe(422);
    await settle();
    expect(received.slice(before)).toEqual([]);
  });
});
