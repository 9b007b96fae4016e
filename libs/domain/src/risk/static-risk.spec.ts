import { DOMAINS, type CensusAttributes, type Domain } from '#contracts';
import { DEFAULT_STATIC_RISK_CONFIG, RULESET_VERSION, type StaticRiskConfig } from './static-risk-config.js';
import { assessStaticRisk, lecFromCensus } from './static-risk.js';
import { WORKED_EXAMPLE } from './worked-example.fixture.js';

const BEST: CensusAttributes = {
  material: 'pe',
  install_year: 2026,
  pressure_class: 'low',
  leak_repairs_5y: 0,
  corrosion_env: 'low',
  third_party_construction: false,
  subsidence: false,
  condition_class: 1,
  adjacent_spaces: 0,
  population_density: 'low',
  crowded_places: [],
  diameter_mm: 50,
  households_served: 0,
  arterial_road: false,
  daily_traffic: 0,
  cabins: ['telecom'],
  span_m: 10,
};

const WORST: CensusAttributes = {
  material: 'grey_cast_iron',
  install_year: 1900,
  pressure_class: 'high',
  leak_repairs_5y: 5,
  corrosion_env: 'high',
  third_party_construction: true,
  subsidence: true,
  condition_class: 5,
  adjacent_spaces: 10,
  population_density: 'high',
  crowded_places: ['school', 'market'],
  diameter_mm: 1000,
  households_served: 200_000,
  arterial_road: true,
  daily_traffic: 80_000,
  cabins: ['gas', 'power'],
  span_m: 200,
};

const WORST_TUNNEL: CensusAttributes = { ...WORST, material: 'concrete' };

describe('static risk (DOMAIN.md §b.1)', () => {
  it.each([2015, 2024, 2026, 2030])(
    'scores the §b.3 worked example L=4 S=4 R=16 larger (assessed %i)',
    (year) => {
      const result = assessStaticRisk({
        domain: 'gas',
        kind: 'pipeline_segment',
        attributes: WORKED_EXAMPLE,
        assessmentYear: year,
      });
      expect(result).toMatchObject({
        likelihood: 4,
        severity: 4,
        score: 16,
        level: 'larger',
        rulesetVersion: RULESET_VERSION,
      });
    },
  );

  it('explains the worked example factor by factor', () => {
    const result = assessStaticRisk({ domain: 'gas', attributes: WORKED_EXAMPLE, assessmentYear: 2026 });
    const byKey = Object.fromEntries(result.factors.map((f) => [f.key, f]));
    expect(byKey['likelihood.material']).toMatchObject({
      contribution: 1,
      input: 'grey_cast_iron',
      known: true,
    });
    expect(byKey['likelihood.age']).toMatchObject({
      contribution: 0.75,
      input: { install_year: 1994, age_years: 32, design_life_years: 30 },
    });
    expect(byKey['likelihood.leak_repairs']).toMatchObject({ contribution: 0.5, input: 2 });
    expect(byKey['likelihood.corrosion']).toMatchObject({ contribution: 0.25, input: null, known: false });
    expect(byKey['severity.adjacent_spaces']).toMatchObject({ contribution: 1, input: 7 });
    expect(byKey['severity.crowded_places']).toMatchObject({ contribution: 0.75, input: ['school'] });
    expect(byKey['severity.diameter_pressure']).toMatchObject({
      contribution: 0.5,
      input: { diameter_mm: 200, pressure_class: 'medium_a' },
    });
    expect(result.likelihoodPoints).toBe(4.25);
    expect(result.severityPoints).toBe(4);
    const sumOf = (dimension: string) =>
      result.factors.filter((f) => f.dimension === dimension).reduce((t, f) => t + f.contribution, 1);
    expect(sumOf('likelihood')).toBe(result.likelihoodPoints);
    expect(sumOf('severity')).toBe(result.severityPoints);
  });

  it('cross-checks the worked example with LEC: L=3 E=6 C=15 → D=270 larger', () => {
    const lec = lecFromCensus({ domain: 'gas', attributes: WORKED_EXAMPLE, assessmentYear: 2026 });
    expect(lec).toMatchObject({ l: 3, e: 6, c: 15, d: 270, level: 'larger' });
    expect(lec.level).toBe(lec.basis.level);
  });

  it.each(DOMAINS)('scores a blank %s census as the middle (L=3, S=3), never as safe', (domain) => {
    expect(assessStaticRisk({ domain, attributes: {}, assessmentYear: 2026 })).toMatchObject({
      likelihood: 3,
      severity: 3,
      level: 'larger',
    });
  });

  it.each(DOMAINS)('scores the best %s census L=1 S=1 low', (domain) => {
    expect(
      assessStaticRisk({
        domain,
        attributes: domain === 'tunnel' ? { ...BEST, material: 'reinforced_concrete' } : BEST,
        assessmentYear: 2026,
      }),
    ).toMatchObject({
      likelihood: 1,
      severity: 1,
      level: 'low',
    });
  });

  it.each(DOMAINS)('scores the worst %s census L=5 S=5 major', (domain: Domain) => {
    const attributes = domain === 'tunnel' ? WORST_TUNNEL : WORST;
    expect(assessStaticRisk({ domain, attributes, assessmentYear: 2026 })).toMatchObject({
      likelihood: 5,
      severity: 5,
      score: 25,
      level: 'major',
    });
  });

  it.each<[CensusAttributes['condition_class'], number]>([
    [5, 5],
    [4, 4],
    [3, 3],
    [1, 1],
  ])('a bridge of condition class %p alone reaches L=%i', (conditionClass, likelihood) => {
    const attributes: CensusAttributes = { ...BEST, condition_class: conditionClass };
    expect(assessStaticRisk({ domain: 'bridge', attributes, assessmentYear: 2026 }).likelihood).toBe(
      likelihood,
    );
  });

  it.each<[string, CensusAttributes]>([
    ['an install year after the assessment year', { install_year: 2030 }],
    ['a material outside the census vocabulary', { material: 'wood' as never }],
    ['a non-finite repair count', { leak_repairs_5y: Number.NaN }],
  ])('scores %s as unknown, not safe', (_label, broken) => {
    const result = assessStaticRisk({
      domain: 'gas',
      attributes: { ...BEST, ...broken },
      assessmentYear: 2026,
    });
    const unknown = result.factors.filter((f) => !f.known);
    expect(unknown).toHaveLength(1);
    expect(unknown[0].contribution).toBeGreaterThan(0);
  });

  it('prefers the census design life over the domain default', () => {
    const attributes: CensusAttributes = { install_year: 2000, design_life_years: 20 };
    const age = assessStaticRisk({ domain: 'water', attributes, assessmentYear: 2026 }).factors.find(
      (f) => f.key === 'likelihood.age',
    );
    expect(age).toMatchObject({ contribution: 0.75, input: { design_life_years: 20, ratio: 1.3 } });
  });

  it('uses a kind-specific factor set when configured', () => {
    const config: StaticRiskConfig = {
      ...DEFAULT_STATIC_RISK_CONFIG,
      kindFactorSets: {
        'gas/regulator_station': { likelihood: ['pressure_class'], severity: ['population_density'] },
      },
    };
    const result = assessStaticRisk(
      { domain: 'gas', kind: 'regulator_station', attributes: WORKED_EXAMPLE, assessmentYear: 2026 },
      config,
    );
    expect(result.factors.map((f) => f.key)).toEqual([
      'likelihood.pressure_class',
      'severity.population_density',
    ]);
  });

  it('rejects a fractional assessment year', () => {
    expect(() => assessStaticRisk({ domain: 'gas', attributes: {}, assessmentYear: 2026.5 })).toThrow(
      RangeError,
    );
  });

  it('never lets an "unknown" contribution be the safest value of its table', () => {
    const { likelihood: l, severity: s } = DEFAULT_STATIC_RISK_CONFIG;
    const valueTables = [l.material, l.pressureClass, l.corrosion, l.conditionClass, s.populationDensity];
    for (const t of valueTables)
      expect(t.unknown).toBeGreaterThan(Math.min(...Object.values<number>(t.values)));
    for (const t of [
      l.ageRatio,
      l.leakRepairs,
      s.adjacentSpaces,
      s.householdsServed,
      s.traffic.dailyTraffic,
      s.diameterPressure.otherDiameter,
      s.span,
    ]) {
      expect(t.unknown).toBeGreaterThan(Math.min(0, ...t.steps.map((step) => step.contribution)));
    }
    for (const t of [l.thirdPartyConstruction, l.subsidence]) expect(t.unknown).toBeGreaterThan(t.no);
    expect(s.crowdedPlaces.unknown).toBeGreaterThan(0); // an empty list (none within 100 m) scores 0
    expect(s.tunnelCabins.unknown).toBeGreaterThan(s.tunnelCabins.other);
    expect(s.diameterPressure.unknown).toBeGreaterThan(
      Math.min(...Object.values(s.diameterPressure.gasMatrix).flat()),
    );
  });
});
