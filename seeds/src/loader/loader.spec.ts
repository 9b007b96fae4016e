import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCity } from '../load-city.js';
import { sampleCity } from '../sample-city.js';
import { ApiClient, ApiError, type FetchLike, formatApiError, normalizeBaseUrl } from './api-client.js';
import { credentialsFor, writeCredentials } from './credentials.js';
import { chunk, loadRegistry } from './load-registry.js';

interface Call {
  url: string;
  auth: string | null;
  body: unknown;
}

/** An in-memory stand-in for the three registry endpoints, following CONTRACT.md §3 shapes. */
function fakeRegistry(existingUnits: string[] = []): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const units = new Set(existingUnits);
  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchFn: FetchLike = async (url, init) => {
    const body = JSON.parse(init.body as string) as unknown;
    calls.push({ url, auth: new Headers(init.headers).get('authorization'), body });
    const path = new URL(url).pathname + new URL(url).search;
    if (path === '/api/v1/owner-units') {
      const id = (body as { id: string }).id;
      if (units.has(id))
        return json(409, { title: 'Conflict', status: 409, detail: `owner unit ${id} exists` });
      units.add(id);
      return json(201, body);
    }
    if (path === '/api/v1/assets/import')
      return json(200, { imported: (body as { features: unknown[] }).features.length });
    if (path === '/api/v1/devices/import?issueSecrets=true') {
      const devices = body as { id: string }[];
      return json(200, { secrets: Object.fromEntries(devices.map((d) => [d.id, `s3cret-${d.id}`])) });
    }
    return json(404, { title: 'Not Found', status: 404 });
  };
  return { fetch: fetchFn, calls };
}

describe('registry loader', () => {
  it('chunks lists without losing or reordering items', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('accepts the service origin with or without /api/v1', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(normalizeBaseUrl('http://127.0.0.1:3000/api/v1/')).toBe('http://127.0.0.1:3000');
    expect(normalizeBaseUrl('https://lifeline.example/city/')).toBe('https://lifeline.example/city');
  });

  it('posts units, assets in chunks and devices in chunks, with the bearer token; 409 is fine', async () => {
    const city = loadCity(30, 5_000, 3);
    const { fetch, calls } = fakeRegistry(['gas-co']);
    const client = new ApiClient({ baseUrl: 'http://127.0.0.1:3000', token: 'tok', fetch });
    const log: string[] = [];
    const secrets = await loadRegistry(client, city, { assetChunkSize: 1_000, deviceChunkSize: 2_000 }, (l) =>
      log.push(l),
    );
    expect(calls.every((c) => c.auth === 'Bearer tok')).toBe(true);
    const paths = calls.map((c) => new URL(c.url).pathname);
    expect(paths.filter((p) => p.endsWith('/owner-units'))).toHaveLength(6);
    expect(paths.filter((p) => p.endsWith('/assets/import'))).toHaveLength(1);
    const deviceCalls = calls.filter((c) => c.url.includes('/devices/import'));
    expect(deviceCalls.map((c) => (c.body as unknown[]).length)).toEqual([2_000, 2_000, 1_000]);
    expect(Object.keys(secrets)).toHaveLength(5_000);
    expect(log).toContain('owner unit gas-co already registered');
  });

  it('turns a problem+json answer into a readable error', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Import rejected',
      status: 422,
      detail: '2 rows are invalid; nothing was imported',
      code: 'ASSET_IMPORT_INVALID',
      errors: [
        { row: 3, field: 'properties.ownerUnitId', message: 'unknown owner unit' },
        { row: 9, field: 'geometry', message: 'LineString needs 2 positions' },
      ],
    };
    const fetch: FetchLike = async () =>
      new Response(JSON.stringify(problem), {
        status: 422,
        headers: { 'content-type': 'application/problem+json' },
      });
    const client = new ApiClient({ baseUrl: 'http://127.0.0.1:3000', token: 't', fetch });
    const error = await client.post('/assets/import', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(formatApiError(error as ApiError)).toBe(
      [
        'POST http://127.0.0.1:3000/api/v1/assets/import failed with HTTP 422',
        '  Import rejected [ASSET_IMPORT_INVALID]',
        '  2 rows are invalid; nothing was imported',
        '  - row 3 · properties.ownerUnitId: unknown owner unit',
        '  - row 9 · geometry: LineString needs 2 positions',
      ].join('\n'),
    );
  });

  it('shows a non-JSON error body as it came', async () => {
    const fetch: FetchLike = async () => new Response('Bad Gateway', { status: 502 });
    const client = new ApiClient({ baseUrl: 'http://h:1', token: 't', fetch });
    const error = (await client.post('/owner-units', {}).catch((e: unknown) => e)) as ApiError;
    expect(formatApiError(error)).toBe(
      'POST http://h:1/api/v1/owner-units failed with HTTP 502\n  Bad Gateway',
    );
  });
});

describe('credentials file', () => {
  const city = sampleCity();
  const secrets = Object.fromEntries(city.devices.map((d) => [d.id, `secret-${d.id}`]));

  it('joins each device with its secret, asset kind, zone and asset parameters', () => {
    const file = credentialsFor(city, secrets, 'mqtt://127.0.0.1:1883', new Date(0));
    expect(file.mqttUrl).toBe('mqtt://127.0.0.1:1883');
    expect(file.devices).toHaveLength(city.devices.length);
    const detector = file.devices.find((d) => d.assetId === 'GAS-MH-0003')!;
    expect(detector).toMatchObject({
      domain: 'gas',
      assetKind: 'manhole',
      zone: 'GAS-SEG-0001',
      secret: `secret-${detector.id}`,
    });
    const strain = file.devices.find((d) => d.metrics.includes('strain_ue'))!;
    expect(strain.params?.designStrainUe).toBeGreaterThan(0);
    const level = file.devices.find((d) => d.metrics.includes('freeboard_m'))!;
    expect(level.params?.depthM).toBeGreaterThan(2);
  });

  it('refuses to write a file with devices the registry issued no secret for', () => {
    const partial = { ...secrets };
    delete partial[city.devices[5].id];
    expect(() => credentialsFor(city, partial, undefined, new Date(0))).toThrow(/no secret for 1 device/);
  });

  it('is written readable by its owner only, and rewritten on a second load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lifeline-cred-'));
    const path = join(dir, 'credentials.json');
    await writeCredentials(path, credentialsFor(city, secrets, undefined, new Date(0)));
    const rotated = Object.fromEntries(city.devices.map((d) => [d.id, `rotated-${d.id}`]));
    await writeCredentials(path, credentialsFor(city, rotated, undefined, new Date(1)));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const back = JSON.parse(await readFile(path, 'utf8')) as { devices: { secret: string }[] };
    expect(back.devices[0].secret).toMatch(/^rotated-/);
  });
});
