import { DOMAINS, type Domain } from '#contracts';
import { metricNames, metricSpec } from '#domain';
import { type DeviceParams, prepareDevice } from '../device.js';
import { heatingCurve } from './heating.js';
import { health } from './health.js';
import { baseReading, roundMetrics } from './index.js';

const SEED = 42;
const device = (id: string, domain: Domain, metrics = metricNames(domain), params?: DeviceParams) =>
  prepareDevice(
    {
      id,
      domain,
      assetId: `${id}-A`,
      metrics,
      reportIntervalS: 300,
      secret: 's',
      ...(params ? { params } : {}),
    },
    SEED,
  );

/** Local (UTC+8) wall time in 2026 as epoch ms. */
const local = (month: number, day: number, hour: number, minute = 0): number =>
  Date.UTC(2026, month - 1, day, hour - 8, minute);
const DAY = 86_400_000;
const everyTenMinutes = (from: number, days: number): number[] =>
  Array.from({ length: days * 144 }, (_, i) => from + i * 600_000);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('signal models', () => {
  it('are pure functions of (device, t, seed)', () => {
    const d = device('WAT-DEV-0001', 'water');
    const t = local(5, 1, 7, 30);
    expect(baseReading(d, t, SEED)).toEqual(baseReading(device('WAT-DEV-0001', 'water'), t, SEED));
    const otherSeed = prepareDevice({ ...d, zone: undefined }, SEED + 1);
    expect(baseReading(otherSeed, t, SEED + 1)).not.toEqual(baseReading(d, t, SEED));
  });

  it.each(DOMAINS)('keep every %s metric inside its catalog range all year round', (domain) => {
    const devices = Array.from({ length: 4 }, (_, i) => device(`${domain}-${i}`, domain));
    const outside: string[] = [];
    // Every 3 h 13 min for a year: every hour of the day in every season.
    for (let t = local(1, 1, 0); t < local(12, 31, 23); t += 193 * 60_000) {
      for (const d of devices) {
        for (const [name, v] of Object.entries(roundMetrics(baseReading(d, t, SEED)))) {
          const spec = metricSpec(domain, name)!;
          if (!(v >= spec.min && v <= spec.max))
            outside.push(`${d.id} ${name}=${v} at ${new Date(t).toISOString()}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it('keeps gas manholes in the 0–3 %LEL background without ethane (DOMAIN.md §a.1)', () => {
    const d = device('GAS-DEV-0007', 'gas');
    const readings = everyTenMinutes(local(3, 1, 0), 7).map((t) => baseReading(d, t, SEED));
    expect(Math.max(...readings.map((r) => r.ch4_lel))).toBeLessThanOrEqual(3);
    expect(Math.min(...readings.map((r) => r.ch4_lel))).toBeGreaterThanOrEqual(0);
    expect(new Set(readings.map((r) => r.c2h6_present))).toEqual(new Set([0]));
  });

  it('gives water pressure a diurnal shape: high at night, dips in the morning and evening (§a.3)', () => {
    const points = Array.from({ length: 20 }, (_, i) =>
      device(`WAT-DEV-${i}`, 'water', ['pressure_mpa', 'flow_m3h']),
    );
    const at = (h: number, m = 0) =>
      mean(
        points.flatMap((d) =>
          [1, 2, 3, 4, 5].map((day) => baseReading(d, local(6, day, h, m), SEED).pressure_mpa),
        ),
      );
    const night = at(3);
    expect(night).toBeGreaterThan(0.4);
    expect(night - at(7, 30)).toBeGreaterThan(0.1);
    expect(night - at(19, 30)).toBeGreaterThan(0.1);
    expect(at(7, 30)).toBeGreaterThanOrEqual(0.25);
    const flow = (h: number) => mean(points.map((d) => baseReading(d, local(6, 3, h), SEED).flow_m3h));
    expect(flow(7)).toBeGreaterThan(2 * flow(3));
  });

  it('follows the heating curve in winter and stands still in summer (§a.2)', () => {
    expect(heatingCurve(-17)).toEqual({ supply: 120, ret: 60 });
    const d = device('HEAT-DEV-0001', 'heating');
    const winter = baseReading(d, local(1, 15, 6), SEED);
    expect(winter.supply_temp_c).toBeGreaterThan(winter.return_temp_c + 20);
    expect(winter.return_pressure_mpa).toBeGreaterThan(0.05);
    expect(winter.supply_pressure_mpa).toBeGreaterThan(winter.return_pressure_mpa);
    const summer = baseReading(d, local(7, 15, 6), SEED);
    expect(Math.abs(summer.supply_pressure_mpa - summer.return_pressure_mpa)).toBeLessThan(0.03);
    expect(summer.supply_temp_c).toBeLessThan(winter.supply_temp_c - 30);
  });

  it('raises sewer levels and cuts freeboard when the seeded rain process rains (§a.4)', () => {
    const d = device('DRN-DEV-0001', 'drainage', undefined, { depthM: 3.2, diameterMm: 800 });
    const summer = everyTenMinutes(local(7, 1, 0), 62).map((t) => baseReading(d, t, SEED));
    const wet = summer.filter((r) => r.rain_mm_h > 10);
    // Dry weather: no rain for the last hour (the sewer answers with a 30-minute lag).
    const dry = summer.filter((r, i) => i >= 6 && summer.slice(i - 6, i + 1).every((x) => x.rain_mm_h === 0));
    expect(wet.length).toBeGreaterThan(0);
    expect(mean(wet.map((r) => r.level_m))).toBeGreaterThan(mean(dry.map((r) => r.level_m)) + 0.1);
    expect(summer.filter((r) => Math.abs(r.freeboard_m - (3.2 - r.level_m)) > 1e-9)).toEqual([]);
    expect(Math.max(...dry.map((r) => r.level_m))).toBeLessThan(0.2);
  });

  it('keeps bridge live load under 70 % of design and deflection under 80 % of L/600 (§a.5)', () => {
    const params = { designStrainUe: 500, deflectionLimitMm: 100, spanM: 60 };
    const gauges = Array.from({ length: 10 }, (_, i) => device(`BRG-DEV-${i}`, 'bridge', undefined, params));
    const readings = everyTenMinutes(local(4, 1, 0), 7).flatMap((t) =>
      gauges.map((g) => baseReading(g, t, SEED)),
    );
    expect(Math.max(...readings.map((r) => Math.abs(r.strain_ue)))).toBeLessThan(0.7 * 500);
    expect(Math.max(...readings.map((r) => r.deflection_mm))).toBeLessThan(0.8 * 100);
  });

  it('carries more traffic load at rush hour than at night', () => {
    const g = device('BRG-DEV-X', 'bridge');
    const load = (h: number) =>
      mean(Array.from({ length: 30 }, (_, day) => baseReading(g, local(4, day + 1, h), SEED).accel_rms_ms2));
    expect(load(8)).toBeGreaterThan(load(3));
  });

  it('keeps tunnels at 15–25 °C, O2 ≈ 20.9 %VOL and cycles the sump between pump levels (§a.6)', () => {
    const d = device('TUN-DEV-0001', 'tunnel');
    const readings = everyTenMinutes(local(1, 1, 0), 365)
      .filter((_, i) => i % 11 === 0)
      .map((t) => baseReading(d, t, SEED));
    const temps = readings.map((r) => r.temperature_c);
    expect(Math.min(...temps)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...temps)).toBeLessThanOrEqual(25);
    expect(Math.max(...readings.map((r) => Math.abs(r.o2_pct - 20.9)))).toBeLessThan(0.2);
    const sump = readings.map((r) => r.sump_level_m);
    expect(Math.min(...sump)).toBeLessThan(0.3);
    expect(Math.max(...sump)).toBeGreaterThan(0.7);
    expect(Math.max(...sump)).toBeLessThan(0.85);
  });

  it('drains batteries slowly and scatters RSSI around −80 dBm (§a.7); wired devices send neither', () => {
    const d = device('GAS-DEV-0100', 'gas');
    const t = local(3, 1, 12);
    const a = health(d, t).battery_pct!;
    const b = health(d, t + 30 * DAY).battery_pct!;
    expect(a - b === 0 || a - b === 1 || a - b === 2 || b > a).toBe(true);
    const rssi = Array.from({ length: 200 }, (_, i) => health(device(`GAS-${i}`, 'gas'), t).rssi_dbm!);
    expect(mean(rssi)).toBeGreaterThan(-86);
    expect(mean(rssi)).toBeLessThan(-74);
    expect(health(device('TUN-1', 'tunnel'), t)).toEqual({});
    expect(Object.keys(health(device('BRG-1', 'bridge'), t))).toEqual(['rssi_dbm']);
  });

  it('returns only the metrics a device declares, rounded to sensor resolution', () => {
    const d = device('GAS-DEV-0001', 'gas', ['pressure_mpa', 'temperature_c']);
    const r = roundMetrics(baseReading(d, local(2, 2, 2), SEED));
    expect(Object.keys(r)).toEqual(['pressure_mpa', 'temperature_c']);
    expect(r.temperature_c * 10).toBe(Math.round(r.temperature_c * 10));
  });
});
