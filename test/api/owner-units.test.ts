import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import { expectStatus, fieldsOf, idsOf, ownerUnit, tokenFor } from './fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

describe('owner units', () => {
  it('creates, lists and reads units', async () => {
    const created = await t.api('POST', '/api/v1/owner-units', {
      body: { id: 'gas-co', name: '城燃公司', domains: ['gas'], contact: { phone: '0477-1234567' } },
    });
    expectStatus(created, 201);
    expect(created.body).toMatchObject({
      id: 'gas-co',
      name: '城燃公司',
      domains: ['gas'],
      contact: { phone: '0477-1234567' },
    });
    expectStatus(
      await t.api('POST', '/api/v1/owner-units', { body: ownerUnit('water-co', ['water', 'drainage']) }),
      201,
    );

    const list = await t.api('GET', '/api/v1/owner-units');
    expect(idsOf(list.body)).toEqual(['gas-co', 'water-co']);
    const one = await t.api('GET', '/api/v1/owner-units/water-co');
    expect(one.body).toMatchObject({ domains: ['water', 'drainage'], contact: {} });
  });

  it('answers 409 for an id that exists and leaves it unchanged', async () => {
    const res = await t.api('POST', '/api/v1/owner-units', {
      body: { id: 'gas-co', name: 'other', domains: [] },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('OWNER_UNIT_ALREADY_EXISTS');
    expect((await t.api('GET', '/api/v1/owner-units/gas-co')).body.name).toBe('城燃公司');
  });

  it('validates ids and domains', async () => {
    const res = await t.api('POST', '/api/v1/owner-units', {
      body: { id: 'has space', name: '', domains: ['oil'] },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['domains', 'id', 'name']);
  });

  it('is readable by any role, writable by admin only', async () => {
    const monitor = await tokenFor(t, 'monitor');
    expect((await t.api('GET', '/api/v1/owner-units', { token: monitor })).status).toBe(200);
    expect(
      (await t.api('POST', '/api/v1/owner-units', { token: monitor, body: ownerUnit('x-co') })).status,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/owner-units/nobody')).body.code).toBe('OWNER_UNIT_NOT_FOUND');
  });
});
