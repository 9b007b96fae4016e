import { DOMAINS } from '#contracts';
import { metricNames } from '#domain';
import { WORKED_EXAMPLE_ID } from './domains/gas-worked-example.js';
import { distanceToSegment, polylineLength, toXy } from './geo.js';
import { DEFAULT_SEED, sampleCity } from './sample-city.js';
import type { AssetFeature } from './types.js';
import { cityProblems } from './validate-city.js';

const city = sampleCity();
const assets = city.assets.features;
const attrs = assets.map((f) => f.properties.attributes);
const byId = new Map(assets.map((f) => [f.properties.id, f]));

describe('sample city (Kangbashi)', () => {
  it('is deterministic: the same seed gives identical output, another seed a different city', () => {
    expect(JSON.stringify(sampleCity(DEFAULT_SEED))).toBe(JSON.stringify(city));
    expect(JSON.stringify(sampleCity(DEFAULT_SEED + 1).assets)).not.toBe(JSON.stringify(city.assets));
  });

  it('has at least 150 assets and 600 devices across all six domains', () => {
    expect(assets.length).toBeGreaterThanOrEqual(150);
    expect(city.devices.length).toBeGreaterThanOrEqual(600);
    for (const domain of DOMAINS) {
      expect(assets.some((f) => f.properties.domain === domain)).toBe(true);
      expect(city.devices.some((d) => d.domain === domain)).toBe(true);
    }
  });

  it('uses every owner unit, each for its own domain, in 康巴什区', () => {
    expect(city.ownerUnits.map((u) => u.id).sort()).toEqual([
      'bridge-office',
      'drain-co',
      'gas-co',
      'heat-co',
      'tunnel-co',
      'water-group',
    ]);
    for (const unit of city.ownerUnits) {
      expect(assets.some((f) => f.properties.ownerUnitId === unit.id)).toBe(true);
    }
    expect(new Set(assets.map((f) => f.properties.district))).toEqual(new Set(['康巴什区']));
  });

  it('passes the registry self-check (ids, references, catalog metrics, geometry)', () => {
    expect(cityProblems(city)).toEqual([]);
  });

  it('gives every device only catalog metrics of its own domain', () => {
    for (const d of city.devices) {
      const allowed = metricNames(d.domain);
      for (const m of d.metrics) expect(allowed).toContain(m);
    }
  });

  it('uses the DOMAIN.md §a upload intervals', () => {
    const intervals = (domain: string, metric: string): number[] => [
      ...new Set(
        city.devices
          .filter((d) => d.domain === domain && d.metrics[0] === metric)
          .map((d) => d.reportIntervalS),
      ),
    ];
    expect(intervals('gas', 'ch4_lel')).toEqual([900]); // §a.1 upload every 15 min
    expect(intervals('gas', 'pressure_mpa')).toEqual([300]); // §a.1 5–15 min
    expect(intervals('drainage', 'level_m')).toEqual([300]); // §a.4 5-min cycle
    expect(intervals('water', 'leak_noise_db')).toEqual([86_400]); // §a.3 1 report a day
    expect(intervals('bridge', 'strain_ue')).toEqual([600]); // §a.5 10-min mean
    expect(intervals('tunnel', 'sump_level_m')).toEqual([60]);
  });

  it('writes valid geometry: finite lon/lat near 109.78 E 39.61 N, lines of ≥ 2 points, closed rings', () => {
    for (const f of [...assets, ...city.district.features]) {
      const positions =
        f.geometry.type === 'Point'
          ? [f.geometry.coordinates]
          : f.geometry.type === 'LineString'
            ? f.geometry.coordinates
            : f.geometry.coordinates.flat();
      for (const [lon, lat] of positions) {
        expect(Math.abs(lon - 109.78)).toBeLessThan(0.08);
        expect(Math.abs(lat - 39.61)).toBeLessThan(0.05);
      }
      if (f.geometry.type === 'LineString') expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('records lengthM as the measured length of every line asset', () => {
    for (const f of assets.filter(
      (a): a is AssetFeature & { geometry: { type: 'LineString' } } => a.geometry.type === 'LineString',
    )) {
      const measured = polylineLength(f.geometry.coordinates.map(toXy));
      expect(Math.abs((f.properties.lengthM ?? -1) - measured)).toBeLessThan(1);
    }
  });

  it('contains the DOMAIN.md §b.3 worked example with a detector in an adjacent manhole', () => {
    const main = byId.get(WORKED_EXAMPLE_ID)!.properties;
    expect(main).toMatchObject({
      domain: 'gas',
      kind: 'pipeline_segment',
      ownerUnitId: 'gas-co',
      lengthM: 480,
    });
    expect(main.attributes).toMatchObject({
      material: 'grey_cast_iron',
      install_year: 1994,
      diameter_mm: 200,
      pressure_class: 'medium_a',
      leak_repairs_5y: 2,
      adjacent_spaces: 7,
      crowded_places: ['school'],
    });
    // Drivers §b.3 does not state stay unknown, so the static grade is the documented R = 16 较大.
    for (const unstated of [
      'corrosion_env',
      'third_party_construction',
      'subsidence',
      'population_density',
      'households_served',
    ] as const) {
      expect(main.attributes[unstated]).toBeUndefined();
    }
    const manholes = assets.filter(
      (f) => f.properties.parentId === WORKED_EXAMPLE_ID && f.properties.kind === 'manhole',
    );
    expect(manholes).toHaveLength(7);
    const detector = city.devices.find((d) => d.assetId === 'GAS-MH-0003');
    expect(detector?.metrics).toEqual(['ch4_lel', 'c2h6_present', 'temperature_c']);
  });

  it('varies the risk drivers of DOMAIN.md §b.1 between assets', () => {
    const distinct = <T>(values: (T | undefined)[]): Set<T> =>
      new Set(values.filter((v): v is T => v !== undefined));
    const years = [...distinct(attrs.map((a) => a.install_year))];
    expect(Math.min(...years)).toBeLessThanOrEqual(1995);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2020);
    expect(distinct(attrs.map((a) => a.leak_repairs_5y))).toEqual(new Set([0, 1, 2, 3]));
    expect(distinct(attrs.map((a) => a.adjacent_spaces)).size).toBeGreaterThanOrEqual(6);
    for (const kind of ['school', 'hospital', 'market'] as const)
      expect(attrs.some((a) => a.crowded_places?.includes(kind))).toBe(true);
    expect(distinct(attrs.map((a) => a.population_density))).toEqual(new Set(['low', 'medium', 'high']));
    expect(distinct(attrs.map((a) => a.material)).size).toBeGreaterThanOrEqual(6);
    expect(distinct(attrs.map((a) => a.pressure_class))).toEqual(new Set(['low', 'medium_b', 'medium_a']));
  });

  it('flags third-party construction and subsidence on a few assets only', () => {
    const works = attrs.filter((a) => a.third_party_construction).length;
    const sinking = attrs.filter((a) => a.subsidence).length;
    expect(works).toBeGreaterThanOrEqual(1);
    expect(works).toBeLessThan(assets.length * 0.05);
    expect(sinking).toBeGreaterThanOrEqual(1);
    expect(sinking).toBeLessThan(assets.length * 0.05);
  });

  it('gives bridges a condition class, span, design strain and an L/600 deflection limit', () => {
    const bridges = assets.filter((f) => f.properties.kind === 'bridge').map((f) => f.properties.attributes);
    expect(bridges.length).toBeGreaterThanOrEqual(3);
    expect(new Set(bridges.map((b) => b.condition_class)).size).toBeGreaterThanOrEqual(3);
    for (const b of bridges) {
      expect(b.design_strain_ue).toBeGreaterThan(0);
      expect(b.deflection_limit_mm).toBe(Math.round(((b.span_m ?? 0) * 1000) / 600));
    }
  });

  it('lays gas manholes within 5 m of their main (adjacent spaces, DOMAIN.md §b.1)', () => {
    for (const mh of assets.filter((f) => f.properties.domain === 'gas' && f.properties.kind === 'manhole')) {
      const main = byId.get(mh.properties.parentId!)!;
      if (mh.geometry.type !== 'Point' || main.geometry.type !== 'LineString')
        throw new Error('unexpected geometry');
      const [a, b] = main.geometry.coordinates.map(toXy);
      expect(distanceToSegment(toXy(mh.geometry.coordinates), a, b)).toBeLessThanOrEqual(5);
    }
  });
});
