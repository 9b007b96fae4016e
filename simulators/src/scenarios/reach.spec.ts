import type { Domain } from '#contracts';
import { prepareDevice } from '../device.js';
import { findScenario } from './index.js';
import { reachOf, resolveTarget } from './reach.js';

const dev = (id: string, domain: Domain, assetId: string, zone?: string) =>
  prepareDevice(
    { id, domain, assetId, metrics: [], reportIntervalS: 60, secret: 's', ...(zone ? { zone } : {}) },
    1,
  );

/** A gas main with two manholes, a sibling main, and a water DMA with two mains. */
const devices = [
  dev('G1', 'gas', 'GAS-SEG-0001', 'GAS-RS-0001'),
  dev('G2', 'gas', 'GAS-MH-0001', 'GAS-SEG-0001'),
  dev('G3', 'gas', 'GAS-MH-0003', 'GAS-SEG-0001'),
  dev('G4', 'gas', 'GAS-SEG-0009', 'GAS-RS-0001'),
  dev('W1', 'water', 'WAT-SEG-0001', 'WAT-DMA-0001'),
  dev('W2', 'water', 'WAT-SEG-0002', 'WAT-DMA-0001'),
  dev('W3', 'water', 'WAT-DMA-0001'),
  dev('D1', 'drainage', 'DRN-MH-0001', 'DRN-SEG-0001'),
  dev('D2', 'drainage', 'DRN-MH-0002', 'DRN-SEG-0002'),
];
const byId = (id: string) => devices.find((d) => d.id === id)!;

describe('scenario reach', () => {
  it('reaches a main and its manholes directly; the sibling main is a neighbour through the regulator', () => {
    const leak = findScenario('gas-leak')!;
    const target = resolveTarget(devices, leak, { assetId: 'GAS-SEG-0001' });
    expect(target.zone).toBe('GAS-RS-0001');
    expect(['G1', 'G2', 'G3', 'G4'].map((id) => reachOf(byId(id), leak, target))).toEqual([
      'direct',
      'direct',
      'direct',
      'neighbour',
    ]);
    expect(reachOf(byId('W1'), leak, target)).toBeUndefined();
  });

  it('treats the other manholes of the same main as neighbours of a manhole', () => {
    const leak = findScenario('gas-leak')!;
    const target = resolveTarget(devices, leak, { assetId: 'GAS-MH-0003' });
    expect(['G1', 'G2', 'G3', 'G4'].map((id) => reachOf(byId(id), leak, target))).toEqual([
      undefined,
      'neighbour',
      'direct',
      undefined,
    ]);
  });

  it('spreads a burst over its DMA, inlet meter included', () => {
    const burst = findScenario('water-burst')!;
    const target = resolveTarget(devices, burst, { assetId: 'WAT-SEG-0001' });
    expect(['W1', 'W2', 'W3'].map((id) => reachOf(byId(id), burst, target))).toEqual([
      'direct',
      'neighbour',
      'neighbour',
    ]);
  });

  it('rains on every drainage device, hardest in the target catchment, or everywhere without a target', () => {
    const storm = findScenario('rainstorm')!;
    const aimed = resolveTarget(devices, storm, { assetId: 'DRN-SEG-0001' });
    expect(['D1', 'D2', 'G1'].map((id) => reachOf(byId(id), storm, aimed))).toEqual([
      'direct',
      'neighbour',
      undefined,
    ]);
    const citywide = resolveTarget(devices, storm, {});
    expect(['D1', 'D2'].map((id) => reachOf(byId(id), storm, citywide))).toEqual(['direct', 'direct']);
  });

  it('aims device faults at one device or one asset, in any domain', () => {
    const offline = findScenario('offline')!;
    const one = resolveTarget(devices, offline, { deviceId: 'W2' });
    expect(devices.filter((d) => reachOf(d, offline, one)).map((d) => d.id)).toEqual(['W2']);
    const asset = resolveTarget(devices, offline, { assetId: 'GAS-SEG-0001' });
    expect(devices.filter((d) => reachOf(d, offline, asset) === 'direct').map((d) => d.id)).toEqual([
      'G1',
      'G2',
      'G3',
    ]);
  });

  it('refuses targets that match nothing, and asset scenarios without a target', () => {
    expect(() => resolveTarget(devices, findScenario('gas-leak')!, { assetId: 'NOPE' })).toThrow(
      /no device is on or under asset NOPE/,
    );
    expect(() => resolveTarget(devices, findScenario('stuck')!, { deviceId: 'NOPE' })).toThrow(
      /no device NOPE/,
    );
    expect(() => resolveTarget(devices, findScenario('bridge-overload')!, {})).toThrow(/needs a target/);
  });
});
