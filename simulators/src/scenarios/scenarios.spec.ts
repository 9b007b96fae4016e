import { type Domain } from '#contracts';
import { metricNames, metricSpec } from '#domain';
import { type DeviceParams, prepareDevice } from '../device.js';
import { readingAt } from '../run/reading.js';
import { gaugeFactor } from '../signals/bridge.js';
import type { Metrics } from '../signals/index.js';
import { SCENARIOS, findScenario, scenarioList } from './index.js';
import type { Reach, Scenario } from './types.js';

const SEED = 9;
const T0 = Date.UTC(2026, 5, 10, 2); // 10:00 local, a dry June morning
const MIN = 60_000;

const device = (id: string, domain: Domain, metrics = metricNames(domain), params?: DeviceParams) =>
  prepareDevice(
    {
      id,
      domain,
      assetId: `${id}-A`,
      metrics,
      reportIntervalS: 60,
      secret: 's',
      ...(params ? { params } : {}),
    },
    SEED,
  );

const scenario = (name: string): Scenario => findScenario(name)!;

/** The reading `elapsedMs` into a scenario that began at T0. */
function at(d: ReturnType<typeof device>, name: string, reach: Reach, elapsedMs: number): Metrics {
  return readingAt(d, T0 + elapsedMs, T0 + elapsedMs, SEED, { scenario: scenario(name), reach, elapsedMs })
    .metrics;
}

/** First elapsed second at which `pick` crosses `level`. */
function firstCrossing(values: number[], level: number): number {
  return values.findIndex((v) => v >= level);
}

describe('gas-leak (DOMAIN.md §a.1 thresholds 10/25/50 %LEL)', () => {
  const mh = device('GAS-DEV-0008', 'gas', ['ch4_lel', 'c2h6_present', 'temperature_c']);
  const seconds = Array.from({ length: 180 }, (_, s) => at(mh, 'gas-leak', 'direct', s * 1000));

  it('crosses 10, 25 and 50 %LEL in that order within about 2 minutes, rising all the way', () => {
    const ch4 = seconds.map((m) => m.ch4_lel);
    const [y, o, r] = [10, 25, 50].map((level) => firstCrossing(ch4, level));
    expect(0 < y && y < o && o < r && r <= 120).toBe(true);
    for (let s = 1; s <= 118; s++) expect(ch4[s]).toBeGreaterThanOrEqual(ch4[s - 1]);
    expect(Math.max(...ch4)).toBeGreaterThanOrEqual(58);
    expect(ch4[0]).toBeLessThan(5);
  });

  it('sets the ethane flag exactly while CH4 is above 10 %LEL', () => {
    for (const m of seconds) expect(m.c2h6_present).toBe(m.ch4_lel > 10 ? 1 : 0);
    expect(seconds.some((m) => m.c2h6_present === 1)).toBe(true);
  });

  it('leaves neighbouring manholes below the 10 %LEL yellow line and without ethane', () => {
    const peak = Array.from({ length: 15 }, (_, k) => at(mh, 'gas-leak', 'neighbour', (3 + k) * MIN));
    expect(Math.max(...peak.map((m) => m.ch4_lel))).toBeLessThan(10);
    expect(Math.max(...peak.map((m) => m.ch4_lel))).toBeGreaterThan(4);
    expect(peak.every((m) => m.c2h6_present === 0)).toBe(true);
  });

  it('clears after its duration', () => {
    const after = at(mh, 'gas-leak', 'direct', scenario('gas-leak').durationMs - 1);
    expect(after.ch4_lel).toBeLessThan(5);
  });
});

describe('water-burst (DOMAIN.md §a.3: drop > 0.1 MPa in < 5 min)', () => {
  const point = device('WAT-DEV-0040', 'water', ['pressure_mpa', 'flow_m3h']);
  const logger = device('WAT-DEV-0041', 'water', ['leak_noise_db']);
  const before = readingAt(point, T0 - 1000, T0 - 1000, SEED).metrics.pressure_mpa;

  it.each<Reach>(['direct', 'neighbour'])(
    'drops pressure by more than 0.1 MPa within 5 minutes (%s)',
    (reach) => {
      const within = at(point, 'water-burst', reach, 4.5 * MIN).pressure_mpa;
      expect(before - within).toBeGreaterThan(0.1);
      expect(before - at(point, 'water-burst', reach, 60_000).pressure_mpa).toBeGreaterThan(0.09);
    },
  );

  it('spikes the flow and the leak noise', () => {
    const normal = readingAt(point, T0 + 2 * MIN, T0, SEED).metrics;
    expect(at(point, 'water-burst', 'direct', 2 * MIN).flow_m3h).toBeGreaterThan(2 * normal.flow_m3h);
    const quiet = readingAt(logger, T0 + 2 * MIN, T0, SEED).metrics.leak_noise_db;
    expect(at(logger, 'water-burst', 'direct', 2 * MIN).leak_noise_db).toBeGreaterThan(quiet + 25);
  });

  it('recovers once the valves are closed', () => {
    const end = scenario('water-burst').durationMs;
    const normal = readingAt(point, T0 + end, T0, SEED).metrics.pressure_mpa;
    expect(Math.abs(at(point, 'water-burst', 'direct', end - 1000).pressure_mpa - normal)).toBeLessThan(0.02);
  });
});

describe('rainstorm (DOMAIN.md §a.4)', () => {
  const gauge = device('DRN-DEV-0003', 'drainage', ['rain_mm_h']);
  const level = device('DRN-DEV-0010', 'drainage', ['level_m', 'freeboard_m'], {
    depthM: 3.4,
    diameterMm: 1000,
  });
  const pond = device('DRN-DEV-0090', 'drainage', ['ponding_cm']);
  const hold = 25 * MIN;

  it('brings rain to 60–80 mm/h, above the 50 mm/h pre-alert', () => {
    const rain = at(gauge, 'rainstorm', 'direct', hold).rain_mm_h;
    expect(rain).toBeGreaterThanOrEqual(60);
    expect(rain).toBeLessThanOrEqual(80);
  });

  it('cuts freeboard to ≤ 0.3 m in the target catchment, ≥ 0.5 m elsewhere, level + freeboard = depth', () => {
    const direct = at(level, 'rainstorm', 'direct', hold);
    expect(direct.freeboard_m).toBeLessThanOrEqual(0.3);
    expect(direct.freeboard_m).toBeGreaterThan(0);
    expect(direct.level_m + direct.freeboard_m).toBeCloseTo(3.4, 2);
    expect(at(level, 'rainstorm', 'neighbour', hold).freeboard_m).toBeGreaterThanOrEqual(0.5);
  });

  it('ponds 10–30 cm at the low spots of the target catchment', () => {
    const cm = at(pond, 'rainstorm', 'direct', hold).ponding_cm;
    expect(cm).toBeGreaterThanOrEqual(10);
    expect(cm).toBeLessThanOrEqual(30);
  });
});

describe('bridge-overload (DOMAIN.md §a.5)', () => {
  const params = { designStrainUe: 450, deflectionLimitMm: 83, spanM: 50 };
  const gauges = Array.from({ length: 20 }, (_, i) =>
    device(`BRG-DEV-${100 + i}`, 'bridge', ['strain_ue', 'deflection_mm'], params),
  );
  const wim = device('BRG-DEV-0026', 'bridge', ['vehicle_t'], params);

  it('puts 90–100 t trucks on the weigh-in-motion stations', () => {
    for (let m = 2; m < 15; m++) {
      const t = at(wim, 'bridge-overload', 'direct', m * MIN).vehicle_t;
      expect(t).toBeGreaterThanOrEqual(90);
      expect(t).toBeLessThanOrEqual(100);
    }
  });

  it('loads every gauge past 85 % of design strain and the most loaded past 100 %', () => {
    const strains = gauges.map((g) => at(g, 'bridge-overload', 'direct', 8 * MIN).strain_ue / 450);
    expect(Math.min(...strains)).toBeGreaterThanOrEqual(0.85);
    expect(Math.max(...strains)).toBeGreaterThanOrEqual(1);
    const mostLoaded = gauges.reduce((a, b) => (gaugeFactor(a) > gaugeFactor(b) ? a : b));
    expect(at(mostLoaded, 'bridge-overload', 'direct', 8 * MIN).deflection_mm).toBeGreaterThanOrEqual(83);
  });
});

describe('tunnel-ingress (DOMAIN.md §a.6)', () => {
  const sump = device('TUN-DEV-0004', 'tunnel', ['sump_level_m']);
  const env = device('TUN-DEV-0001', 'tunnel', ['humidity_pct']);

  it('raises the sump far past the pump-start level and the humidity of the section', () => {
    const normal = readingAt(sump, T0 + 30 * MIN, T0, SEED).metrics.sump_level_m;
    expect(at(sump, 'tunnel-ingress', 'direct', 30 * MIN).sump_level_m).toBeGreaterThan(normal + 1.9);
    expect(at(env, 'tunnel-ingress', 'direct', 30 * MIN).humidity_pct).toBeGreaterThan(94);
    const humidity = readingAt(env, T0 + 30 * MIN, T0, SEED).metrics.humidity_pct;
    expect(at(env, 'tunnel-ingress', 'neighbour', 30 * MIN).humidity_pct).toBeGreaterThan(humidity + 7);
  });
});

describe('value faults', () => {
  const d = device('HEAT-DEV-0002', 'heating');

  it('stuck: freezes every metric at the reading taken when the fault began', () => {
    const first = at(d, 'stuck', 'direct', 0);
    for (const k of [1, 5, 17, 29]) expect(at(d, 'stuck', 'direct', k * MIN)).toEqual(first);
  });

  it('spike: produces in-range spikes at the range top and out-of-range spikes, on some readings only', () => {
    const readings = Array.from({ length: 120 }, (_, s) => at(d, 'spike', 'direct', s * 1000));
    const normal = Array.from({ length: 120 }, (_, s) => readingAt(d, T0 + s * 1000, T0, SEED).metrics);
    let inRange = 0;
    let outside = 0;
    readings.forEach((m, i) => {
      for (const [name, v] of Object.entries(m)) {
        if (v === normal[i][name]) continue;
        const spec = metricSpec('heating', name)!;
        if (v > spec.max) outside++;
        else if (v >= spec.max - (spec.max - spec.min) * 0.05) inRange++;
        else throw new Error(`unexpected change of ${name}`);
      }
    });
    expect(inRange).toBeGreaterThan(5);
    expect(outside).toBeGreaterThan(5);
    expect(inRange + outside).toBeLessThan(70);
  });

  it('drift: adds a bias growing 2 % of the span per hour, clipped at the range', () => {
    const w = device('WAT-DEV-0050', 'water', ['pressure_mpa']);
    const bias = (h: number) =>
      at(w, 'drift', 'direct', h * 3_600_000).pressure_mpa -
      readingAt(w, T0 + h * 3_600_000, T0, SEED).metrics.pressure_mpa;
    expect(Math.abs(bias(1))).toBeCloseTo(0.05, 3); // 2 % of the 0–2.5 MPa span
    expect(Math.abs(bias(3))).toBeCloseTo(0.15, 3);
    const clipped = at(w, 'drift', 'direct', 100 * 3_600_000).pressure_mpa;
    expect([0, 2.5]).toContain(clipped);
  });
});

describe('scenario catalogue', () => {
  it('lists every scenario with a one-line summary', () => {
    const list = scenarioList().split('\n');
    expect(list).toHaveLength(13);
    for (const name of [
      'gas-leak',
      'water-burst',
      'rainstorm',
      'bridge-overload',
      'tunnel-ingress',
      'offline',
      'stuck',
      'spike',
      'drift',
      'duplicates',
      'out-of-order',
      'malformed',
      'backlog',
    ]) {
      expect(list.some((l) => l.startsWith(`${name} `))).toBe(true);
    }
  });

  it('gives each scenario either a value modifier or a transport fault', () => {
    for (const s of SCENARIOS) expect(Boolean(s.modify) !== Boolean(s.transport)).toBe(true);
  });
});
