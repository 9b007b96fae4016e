import { sha256Hex } from '../../apps/server/src/common/secrets.js';
import { TokenRepository } from '../../apps/server/src/auth/token.repository.js';
import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import { createOwnerUnits, device, expectStatus, idsOf, lineAsset, ownerUnit, tokenFor } from './fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit('gas-co', ['gas']), ownerUnit('gas-two', ['gas']));
  expectStatus(await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-A') }), 201);
  expectStatus(
    await t.api('POST', '/api/v1/assets', { body: lineAsset('GAS-B', { ownerUnitId: 'gas-two' }) }),
    201,
  );
  expectStatus(await t.api('POST', '/api/v1/devices', { body: device('DEV-A', 'GAS-A') }), 201);
  expectStatus(await t.api('POST', '/api/v1/devices', { body: device('DEV-B', 'GAS-B') }), 201);
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

describe('authentication', () => {
  it('answers 401 problem+json with a Bearer challenge when the token is missing', async () => {
    const res = await t.api('GET', '/api/v1/assets', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="lifeline"');
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', instance: '/api/v1/assets' });
  });

  it('says invalid_token for an unknown token and for a malformed header', async () => {
    const unknown = await t.api('GET', '/api/v1/assets', { token: 'll_not-a-real-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const basic = await t.api('GET', '/api/v1/assets', {
      token: null,
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.status).toBe(401);
  });

  it('needs no token for health and metrics', async () => {
    expect((await t.api('GET', '/health/live', { token: null })).status).toBe(200);
    expect((await t.api('GET', '/metrics', { token: null })).status).toBe(200);
  });
});

describe('tokens', () => {
  it('issues a token shown once, stores only its sha256, and the token works', async () => {
    const res = await t.api('POST', '/api/v1/tokens', { body: { role: 'monitor', label: 'wall screen' } });
    expectStatus(res, 201);
    expect(res.body.token).toMatch(/^ll_[A-Za-z0-9_-]{43}$/);
    const row = await t.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(res.body.token));
    expect(JSON.stringify(row)).not.toContain(res.body.token);
    expect((await t.api('GET', '/api/v1/assets', { token: res.body.token })).status).toBe(200);
    const list = await t.api('GET', '/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
  });

  it('refuses a utility token without an owner unit, a scoped non-utility token and an unknown unit', async () => {
    const cases = [
      { role: 'utility' },
      { role: 'operator', ownerUnitId: 'gas-co' },
      { role: 'utility', ownerUnitId: 'nobody' },
    ];
    for (const body of cases) {
      const res = await t.api('POST', '/api/v1/tokens', { body });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'TOKEN_SCOPE_INVALID', errors: [{ field: 'ownerUnitId' }] });
    }
  });

  it('revokes a token at once (the lookup cache is cleared)', async () => {
    const issued = await t.api('POST', '/api/v1/tokens', { body: { role: 'auditor' } });
    expect((await t.api('GET', '/api/v1/assets', { token: issued.body.token })).status).toBe(200);
    expect((await t.api('DELETE', `/api/v1/tokens/${issued.body.id}`)).status).toBe(204);
    expect((await t.api('GET', '/api/v1/assets', { token: issued.body.token })).status).toBe(401);
    const again = await t.api('DELETE', `/api/v1/tokens/${issued.body.id}`);
    expect(again.body).toMatchObject({ status: 404, code: 'TOKEN_NOT_FOUND' });
    expect((await t.api('DELETE', '/api/v1/tokens/not-a-uuid')).body).toMatchObject({
      status: 400,
      errors: [{ field: 'id' }],
    });
  });

  it('rotates the bootstrap admin token when ADMIN_TOKEN changes', async () => {
    const repo = t.app.get(TokenRepository);
    await repo.upsertBootstrapAdmin(sha256Hex('a-new-admin-token-value'));
    expect(await repo.findActiveByHash(sha256Hex(t.adminToken))).toBeUndefined();
    expect((await repo.findActiveByHash(sha256Hex('a-new-admin-token-value')))?.role).toBe('admin');
    await repo.upsertBootstrapAdmin(sha256Hex(t.adminToken)); // restore for the other tests
  });
});

describe('roles', () => {
  it.each([
    ['monitor', 'POST', '/api/v1/assets'],
    ['auditor', 'POST', '/api/v1/devices'],
    ['operator', 'POST', '/api/v1/owner-units'],
    ['operator', 'POST', '/api/v1/tokens'],
    ['operator', 'GET', '/api/v1/audit'],
  ])('refuses %s on %s %s with 403', async (role, method, path) => {
    const token = await tokenFor(t, role);
    const res = await t.api(method, path, { token, body: method === 'GET' ? undefined : {} });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'ROLE_FORBIDDEN', type: 'urn:lifeline:problem:role-forbidden' });
  });

  it('lets an operator write assets and devices', async () => {
    const token = await tokenFor(t, 'operator');
    expectStatus(await t.api('POST', '/api/v1/assets', { token, body: lineAsset('GAS-OP') }), 201);
    expectStatus(await t.api('PATCH', '/api/v1/devices/DEV-A', { token, body: { name: 'renamed' } }), 200);
  });
});

describe('utility scoping', () => {
  let utility: string;
  beforeAll(async () => {
    utility = await tokenFor(t, 'utility', 'gas-co');
  });

  it('lists only its own unit, whatever filter it asks for', async () => {
    const assets = await t.api('GET', '/api/v1/assets', { token: utility });
    expect(idsOf(assets.body.items).sort()).toEqual(['GAS-A', 'GAS-OP']);
    expect((await t.api('GET', '/api/v1/assets?ownerUnitId=gas-two', { token: utility })).body.items).toEqual(
      [],
    );
    const devices = await t.api('GET', '/api/v1/devices', { token: utility });
    expect(idsOf(devices.body.items)).toEqual(['DEV-A']);
    const units = await t.api('GET', '/api/v1/owner-units', { token: utility });
    expect(idsOf(units.body)).toEqual(['gas-co']);
  });

  it("answers 404 for another unit's ids, exactly as for ids that don't exist", async () => {
    for (const path of ['/api/v1/assets/GAS-B', '/api/v1/devices/DEV-B', '/api/v1/owner-units/gas-two']) {
      const other = await t.api('GET', path, { token: utility });
      const missing = await t.api('GET', `${path}-missing`, { token: utility });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe(missing.body.code);
    }
    expect((await t.api('GET', '/api/v1/assets/GAS-A', { token: utility })).status).toBe(200);
  });

  it('may not write', async () => {
    expect(
      (await t.api('PATCH', '/api/v1/assets/GAS-A', { token: utility, body: { name: 'x' } })).status,
    ).toBe(403);
  });
});
