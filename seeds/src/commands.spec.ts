import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, cityFrom, generateCommand, loadCommand } from './commands.js';

describe('seed commands', () => {
  it('generate writes the four files in the API shapes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lifeline-seed-'));
    const log: string[] = [];
    await generateCommand({ out: dir }, (l) => log.push(l));
    const read = async (name: string): Promise<unknown> =>
      JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown;
    const units = (await read('owner-units.json')) as { id: string; name: string; domains: string[] }[];
    expect(units.find((u) => u.id === 'gas-co')).toEqual({
      id: 'gas-co',
      name: '城燃公司',
      domains: ['gas'],
    });
    const assets = (await read('assets.geojson')) as {
      type: string;
      features: { properties: Record<string, unknown> }[];
    };
    expect(assets.type).toBe('FeatureCollection');
    expect(Object.keys(assets.features[0].properties)).toEqual(
      expect.arrayContaining(['id', 'domain', 'kind', 'name', 'district', 'ownerUnitId', 'attributes']),
    );
    const devices = (await read('devices.json')) as Record<string, unknown>[];
    expect(Object.keys(devices[0]).sort()).toEqual([
      'assetId',
      'domain',
      'id',
      'metrics',
      'name',
      'reportIntervalS',
    ]);
    const map = (await read('district.geojson')) as { features: { properties: { kind: string } }[] };
    expect(new Set(map.features.map((f) => f.properties.kind))).toEqual(
      new Set(['district', 'subdistrict', 'river', 'street', 'poi']),
    );
    expect(log[0]).toMatch(/^generated \d+ assets, \d+ devices, 6 domains, 6 owner units$/);
  });

  it('builds a load-test city with --assets/--devices and checks it', () => {
    const city = cityFrom({ assets: '60', devices: '240', seed: '5' });
    expect([city.assets.features.length, city.devices.length]).toEqual([60, 240]);
  });

  it('reports command-line mistakes as usage errors', async () => {
    await expect(generateCommand({}, () => undefined)).rejects.toThrow(UsageError);
    expect(() => cityFrom({ assets: '100' })).toThrow('--assets and --devices go together');
    expect(() => cityFrom({ assets: '3', devices: '10' })).toThrow(UsageError);
    expect(() => cityFrom({ assets: 'many', devices: '10' })).toThrow(
      /--assets must be a non-negative integer/,
    );
    await expect(loadCommand({ api: 'http://127.0.0.1:1' }, () => undefined)).rejects.toThrow(
      /load needs --api/,
    );
  });
});
