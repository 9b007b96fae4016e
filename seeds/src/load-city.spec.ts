import { DOMAINS } from '#contracts';
import { allocate, loadCity } from './load-city.js';
import { cityProblems } from './validate-city.js';

describe('load-test city', () => {
  const city = loadCity(120, 1_000, 7);

  it('has exactly N assets and M devices, all six domains, every owner unit', () => {
    expect(city.assets.features).toHaveLength(120);
    expect(city.devices).toHaveLength(1_000);
    expect(new Set(city.assets.features.map((f) => f.properties.domain))).toEqual(new Set(DOMAINS));
    expect(new Set(city.assets.features.map((f) => f.properties.ownerUnitId)).size).toBe(6);
  });

  it('passes the registry self-check', () => {
    expect(cityProblems(city)).toEqual([]);
  });

  it('is deterministic in (N, M, seed)', () => {
    expect(JSON.stringify(loadCity(120, 1_000, 7))).toBe(JSON.stringify(city));
    expect(JSON.stringify(loadCity(120, 1_000, 8).assets)).not.toBe(JSON.stringify(city.assets));
  });

  it('deals devices evenly: every asset has ⌊M/N⌋ or ⌈M/N⌉ devices', () => {
    const per = new Map<string, number>();
    for (const d of city.devices) per.set(d.assetId, (per.get(d.assetId) ?? 0) + 1);
    expect(new Set(per.values())).toEqual(new Set([8, 9]));
  });

  it('widens ids past 9,999 devices so they stay fixed-width and unique', () => {
    const big = loadCity(2_000, 12_000, 1);
    expect(big.devices[0].id).toMatch(/^[A-Z]+-DEV-\d{5}$/);
    expect(new Set(big.devices.map((d) => d.id)).size).toBe(12_000);
  });

  it('allocates assets to domains by share with at least one each, summing to N', () => {
    const counts = allocate(6, {
      gas: 0.35,
      water: 0.2,
      drainage: 0.2,
      heating: 0.15,
      tunnel: 0.06,
      bridge: 0.04,
    });
    expect(Object.values(counts)).toEqual([1, 1, 1, 1, 1, 1]);
    const many = allocate(10_000, {
      gas: 0.35,
      water: 0.2,
      drainage: 0.2,
      heating: 0.15,
      tunnel: 0.06,
      bridge: 0.04,
    });
    expect(Object.values(many).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(many.gas).toBeGreaterThan(many.water);
  });

  it('refuses impossible sizes', () => {
    expect(() => loadCity(5, 100, 1)).toThrow(/at least 6 assets/);
    expect(() => loadCity(100, 50, 1)).toThrow(/at least one device per asset/);
  });
});
