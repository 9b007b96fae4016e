import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import {
  createOwnerUnits,
  device,
  expectStatus,
  featureCollection,
  lineAsset,
  ownerUnit,
  tokenFor,
} from './fixtures.js';

let t: TestApp;
let operator: string;
let operatorActor: string;
let secret: string;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit());
  const issued = await t.api('POST', '/api/v1/tokens', { body: { role: 'operator', label: 'field crew' } });
  operator = issued.body.token;
  operatorActor = `token:${issued.body.id}`;
  expectStatus(await t.api('POST', '/api/v1/assets', { token: operator, body: lineAsset('GAS-1') }), 201);
  expectStatus(
    await t.api('PATCH', '/api/v1/assets/GAS-1', { token: operator, body: { name: 'renamed' } }),
    200,
  );
  expectStatus(
    await t.api('POST', '/api/v1/assets/import', {
      token: operator,
      body: featureCollection([lineAsset('GAS-2')]),
    }),
    200,
  );
  expectStatus(
    await t.api('POST', '/api/v1/devices', { token: operator, body: device('DEV-1', 'GAS-1') }),
    201,
  );
  secret = (await t.api('POST', '/api/v1/devices/DEV-1/secret', { token: operator })).body.secret;
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

const actions = (items: { action: string }[]): string[] => items.map((e) => e.action);

describe('audit log', () => {
  it('records every registry write with who, role and target, newest first', async () => {
    const res = await t.api('GET', `/api/v1/audit?actor=${encodeURIComponent(operatorActor)}`);
    expectStatus(res, 200);
    expect(actions(res.body.items)).toEqual([
      'device.secret_issue',
      'device.create',
      'asset.import',
      'asset.update',
      'asset.create',
    ]);
    expect(res.body.items[0]).toMatchObject({
      actor: operatorActor,
      role: 'operator',
      targetType: 'device',
      targetId: 'DEV-1',
      detail: { rotated: false },
    });
    expect(res.body.items[3]).toMatchObject({ targetId: 'GAS-1', detail: { name: 'renamed' } });
  });

  it('never stores a secret', async () => {
    const rows = await t.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('records token and owner unit changes by the admin', async () => {
    const res = await t.api('GET', '/api/v1/audit?targetType=token');
    expect(actions(res.body.items)).toEqual(['token.issue']);
    expect(res.body.items[0].detail).toEqual({ role: 'operator', label: 'field crew' });
    expect(
      actions((await t.api('GET', '/api/v1/audit?targetType=owner_unit&targetId=gas-co')).body.items),
    ).toEqual(['owner_unit.create']);
  });

  it('filters by target and time, and pages with a cursor', async () => {
    const forAsset = await t.api('GET', '/api/v1/audit?targetType=asset&targetId=GAS-1');
    expect(actions(forAsset.body.items)).toEqual(['asset.update', 'asset.create']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await t.api('GET', `/api/v1/audit?from=${future}`)).body.items).toEqual([]);
    expect((await t.api('GET', `/api/v1/audit?to=${future}&targetId=GAS-1`)).body.items).toHaveLength(2);
    const page1 = await t.api('GET', '/api/v1/audit?limit=2');
    const page2 = await t.api('GET', `/api/v1/audit?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id).toBeLessThan(page1.body.items[1].id);
    expect((await t.api('GET', '/api/v1/audit?from=yesterday')).status).toBe(400);
  });

  it('is readable by admin, auditor and monitor only', async () => {
    expect((await t.api('GET', '/api/v1/audit', { token: await tokenFor(t, 'auditor') })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/audit', { token: await tokenFor(t, 'monitor') })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/audit', { token: operator })).status).toBe(403);
    expect(
      (await t.api('GET', '/api/v1/audit', { token: await tokenFor(t, 'utility', 'gas-co') })).status,
    ).toBe(403);
  });
});
