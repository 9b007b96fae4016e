import { parseCredentials } from '../credentials.js';
import { buildRunConfig } from './options.js';

const file = JSON.stringify({
  mqttUrl: 'mqtt://10.0.0.5:1883',
  generatedAt: '2026-11-22T00:00:00Z',
  devices: [
    {
      id: 'GAS-DEV-0001',
      domain: 'gas',
      assetId: 'GAS-MH-0001',
      zone: 'GAS-SEG-0001',
      metrics: ['ch4_lel'],
      reportIntervalS: 900,
      secret: 'a',
    },
    {
      id: 'GAS-DEV-0002',
      domain: 'gas',
      assetId: 'GAS-MH-0002',
      zone: 'GAS-SEG-0001',
      metrics: ['ch4_lel'],
      reportIntervalS: 900,
      secret: 'b',
    },
    {
      id: 'WAT-DEV-0001',
      domain: 'water',
      assetId: 'WAT-SEG-0001',
      zone: 'WAT-DMA-0001',
      metrics: ['pressure_mpa'],
      reportIntervalS: 900,
      secret: 'c',
    },
    {
      id: 'WAT-DEV-0002',
      domain: 'water',
      assetId: 'WAT-SEG-0002',
      zone: 'WAT-DMA-0001',
      metrics: ['pressure_mpa'],
      reportIntervalS: 900,
      secret: 'd',
    },
    {
      id: 'TUN-DEV-0001',
      domain: 'tunnel',
      assetId: 'TUN-SEC-0001',
      metrics: ['o2_pct'],
      reportIntervalS: 60,
      secret: 'e',
    },
  ],
});
const creds = parseCredentials(file, 'test.json');
const ids = (args: Parameters<typeof buildRunConfig>[0]) =>
  buildRunConfig(args, creds, () => undefined).devices.map((d) => d.id);

describe('run options', () => {
  it('selects by domain, asset and count, in credentials order', () => {
    expect(ids({})).toHaveLength(5);
    expect(ids({ domain: 'water' })).toEqual(['WAT-DEV-0001', 'WAT-DEV-0002']);
    expect(ids({ asset: 'GAS-SEG-0001' })).toEqual(['GAS-DEV-0001', 'GAS-DEV-0002']);
    expect(ids({ devices: '3' })).toEqual(['GAS-DEV-0001', 'GAS-DEV-0002', 'WAT-DEV-0001']);
  });

  it('always runs the devices a scenario reaches, whatever else is selected', () => {
    expect(ids({ domain: 'tunnel', scenario: 'water-burst', asset: 'WAT-SEG-0001' })).toEqual([
      'WAT-DEV-0001',
      'WAT-DEV-0002',
      'TUN-DEV-0001',
    ]);
  });

  it('takes the broker from --url, else the credentials file', () => {
    expect(buildRunConfig({}, creds, () => undefined).url).toBe('mqtt://10.0.0.5:1883');
    expect(buildRunConfig({ url: 'mqtt://127.0.0.1:1883' }, creds, () => undefined).url).toBe(
      'mqtt://127.0.0.1:1883',
    );
  });

  it('rejects contradictory or malformed options with a usage error', () => {
    expect(() => ids({ 'interval-s': '5', speedup: '10' })).toThrow(/either --interval-s or --speedup/);
    expect(() => ids({ devices: '0' })).toThrow(/--devices must be an integer ≥ 1/);
    expect(() => ids({ domain: 'power' })).toThrow(/--domain must be one of/);
    expect(() => ids({ scenario: 'earthquake' })).toThrow(/unknown scenario "earthquake"/);
    expect(() => ids({ scenario: 'gas-leak', asset: 'GAS-SEG-9999' })).toThrow(
      /no device is on or under asset GAS-SEG-9999/,
    );
  });
});

describe('credentials file', () => {
  it('names the device a broken entry belongs to', () => {
    const broken = JSON.stringify({
      devices: [{ id: 'X-1', domain: 'gas', assetId: 'A', metrics: ['ch4_lel'], reportIntervalS: 60 }],
    });
    expect(() => parseCredentials(broken, 'c.json')).toThrow('c.json: device #1 (X-1) has no secret');
    expect(() => parseCredentials('{"devices": {}}', 'c.json')).toThrow(/expected \{ "devices"/);
    expect(() => parseCredentials('nope', 'c.json')).toThrow(/c.json: not JSON/);
  });
});
