import { BOOT_TIMEOUT_MS, startTestApp, type TestApp } from '../support/app.js';
import { createOwnerUnits, errorFor, fieldsOf, lineAsset, ownerUnit } from './fixtures.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await createOwnerUnits(t, ownerUnit());
}, BOOT_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
}, BOOT_TIMEOUT_MS);

const PROBLEM = /^application\/problem\+json/;

describe('RFC 9457 problem answers', () => {
  it('answers malformed JSON with 400', async () => {
    const res = await t.api('POST', '/api/v1/assets', { body: '{"id": "GAS-1",' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      instance: '/api/v1/assets',
    });
    expect(typeof res.body.detail).toBe('string');
  });

  it('lists every invalid field in errors[], unknown properties included', async () => {
    const body = {
      ...lineAsset('GAS-1'),
      domain: 'oil',
      geometry: { type: 'Point', coordinates: [200, 39] },
      colour: 'red',
    };
    const res = await t.api('POST', '/api/v1/assets', { body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(PROBLEM);
    expect(res.body).toMatchObject({
      type: 'urn:lifeline:problem:validation-failed',
      code: 'VALIDATION_FAILED',
      status: 400,
    });
    const fields = fieldsOf(res);
    expect(fields).toEqual(['colour', 'domain', 'geometry']);
    const geometry = errorFor(res, 'geometry');
    expect(geometry?.message).toContain('longitude must be within [-180, 180]');
  });

  it('validates query strings too', async () => {
    const res = await t.api('GET', '/api/v1/assets?limit=5000&colour=red');
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['colour', 'limit']);
  });

  it('answers an unknown id with 404 and the registry code', async () => {
    const res = await t.api('GET', '/api/v1/assets/NOPE-1');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      type: 'urn:lifeline:problem:asset-not-found',
      title: 'Asset not found',
      status: 404,
      detail: 'no asset NOPE-1',
      code: 'ASSET_NOT_FOUND',
      instance: '/api/v1/assets/NOPE-1',
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.api('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(PROBLEM);
  });

  it('refuses a JSON body over 1 MB with 413, but lets an import carry more', async () => {
    const big = lineAsset('GAS-BIG', { attributes: { notes: 'x'.repeat(1_100_000) } });
    const res = await t.api('POST', '/api/v1/assets', { body: big });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 413, title: 'Payload Too Large' });

    const imported = await t.api('POST', '/api/v1/assets/import', {
      body: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: big.geometry, properties: { ...big, geometry: undefined } }],
      },
    });
    expect(imported.status).toBe(200);
  });

  it('refuses an import over 20 MB with 413', async () => {
    const res = await t.api('POST', '/api/v1/assets/import', {
      body: 'x'.repeat(21 * 1024 * 1024),
      contentType: 'text/csv',
    });
    expect(res.status).toBe(413);
  });
});
