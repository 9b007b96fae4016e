import type { CensusAttributes, Domain, PressureClass } from '#contracts';
import type {
  FlagTable,
  LikelihoodFactorKey,
  SeverityFactorKey,
  StaticRiskConfig,
  StepTable,
  ValueTable,
} from './static-risk-config.js';

/** A JSON value: factor inputs are stored with the assessment, so they must serialise as they are. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One named contribution to L or S: the explanation of a static score. */
export interface StaticFactor {
  key: string;
  dimension: 'likelihood' | 'severity';
  label: string;
  contribution: number;
  /** The census values the contribution was read from (null = attribute missing). */
  input: JsonValue;
  /** False when the attribute was missing and the documented "unknown" contribution was used. */
  known: boolean;
}

export interface FactorContext {
  domain: Domain;
  attributes: CensusAttributes;
  assessmentYear: number;
  config: StaticRiskConfig;
}

type Part = Pick<StaticFactor, 'contribution' | 'input' | 'known'>;

/** First step with value ≥ min (steps ordered by min, descending); 0 below every step. */
export function stepContribution(table: StepTable, value: number): number {
  return table.steps.find((s) => value >= s.min)?.contribution ?? 0;
}

// Attributes come from stored JSON: a value outside the census vocabulary (or a non-finite number) is
// scored like a missing one, never as safe, and kept in `input` so the explanation shows it.
const fromStep = (table: StepTable, value: number | undefined, input: JsonValue): Part =>
  value === undefined || !Number.isFinite(value)
    ? { contribution: table.unknown, input, known: false }
    : { contribution: stepContribution(table, value), input, known: true };

function fromValue<K extends string | number>(table: ValueTable<K>, value: K | undefined): Part {
  const contribution = value === undefined ? undefined : (table.values as Partial<Record<K, number>>)[value];
  if (contribution === undefined) return { contribution: table.unknown, input: value ?? null, known: false };
  return { contribution, input: value ?? null, known: true };
}

const fromFlag = (table: FlagTable, value: boolean | undefined): Part =>
  value === undefined
    ? { contribution: table.unknown, input: null, known: false }
    : { contribution: value ? table.yes : table.no, input: value, known: true };

function agePart(ctx: FactorContext): Part {
  const { install_year: installYear, design_life_years: censusLife } = ctx.attributes;
  const designLife = censusLife ?? ctx.config.designLifeYears[ctx.domain];
  // An install year after the assessment year is a census error: scored as unknown, not as "new".
  if (installYear === undefined || installYear > ctx.assessmentYear || designLife <= 0) {
    return {
      contribution: ctx.config.likelihood.ageRatio.unknown,
      input: { install_year: installYear ?? null, design_life_years: designLife },
      known: false,
    };
  }
  const age = ctx.assessmentYear - installYear;
  const ratio = Math.round((age / designLife) * 100) / 100;
  return fromStep(ctx.config.likelihood.ageRatio, ratio, {
    install_year: installYear,
    age_years: age,
    design_life_years: designLife,
    ratio,
  });
}

function diameterPressurePart(ctx: FactorContext): Part {
  const table = ctx.config.severity.diameterPressure;
  const { diameter_mm: diameter, pressure_class: pressure } = ctx.attributes;
  if (ctx.domain !== 'gas') return fromStep(table.otherDiameter, diameter, { diameter_mm: diameter ?? null });
  const input = { diameter_mm: diameter ?? null, pressure_class: pressure ?? null };
  if (diameter === undefined || pressure === undefined)
    return { contribution: table.unknown, input, known: false };
  return {
    contribution: gasMatrixCell(table.gasMatrix, table.gasDiameterBoundsMm, pressure, diameter),
    input,
    known: true,
  };
}

function gasMatrixCell(
  matrix: Readonly<Record<PressureClass, readonly number[]>>,
  bounds: readonly number[],
  pressure: PressureClass,
  diameter: number,
): number {
  let column = 0;
  bounds.forEach((min, index) => {
    if (diameter >= min) column = index;
  });
  return matrix[pressure][column] ?? 0;
}

function crowdedPart(ctx: FactorContext): Part {
  const places = ctx.attributes.crowded_places;
  const table = ctx.config.severity.crowdedPlaces;
  if (places === undefined) return { contribution: table.unknown, input: null, known: false };
  const contribution = places.reduce(
    (best, kind) => Math.max(best, (table.values as Partial<Record<string, number>>)[kind] ?? table.unknown),
    0,
  );
  return { contribution, input: [...places], known: true };
}

function trafficPart(ctx: FactorContext): Part {
  const { arterial_road: arterial, daily_traffic: traffic } = ctx.attributes;
  const table = ctx.config.severity.traffic;
  const input = { arterial_road: arterial ?? null, daily_traffic: traffic ?? null };
  if (arterial === undefined && traffic === undefined)
    return { contribution: table.dailyTraffic.unknown, input, known: false };
  const fromArterial = arterial ? table.arterial : 0;
  const fromCount = traffic === undefined ? 0 : stepContribution(table.dailyTraffic, traffic);
  return { contribution: Math.max(fromArterial, fromCount), input, known: true };
}

function cabinsPart(ctx: FactorContext): Part {
  const cabins = ctx.attributes.cabins;
  const table = ctx.config.severity.tunnelCabins;
  if (cabins === undefined) return { contribution: table.unknown, input: null, known: false };
  // A gas cabin shares the tunnel with the other utilities: the worst case of GB 50838 (DOMAIN.md §a.6).
  const contribution = cabins.includes('gas')
    ? table.gas
    : cabins.some((c) => c === 'power' || c === 'heating')
      ? table.powerOrHeating
      : table.other;
  return { contribution, input: [...cabins], known: true };
}

const LIKELIHOOD: Readonly<
  Record<LikelihoodFactorKey, { label: string; part: (ctx: FactorContext) => Part }>
> = {
  material: {
    label: 'Pipe material',
    part: (c) => fromValue(c.config.likelihood.material, c.attributes.material),
  },
  age: { label: 'Age vs design life', part: agePart },
  pressure_class: {
    label: 'Pressure class',
    part: (c) => fromValue(c.config.likelihood.pressureClass, c.attributes.pressure_class),
  },
  leak_repairs: {
    label: 'Leak/repair history (5 yr)',
    part: (c) =>
      fromStep(
        c.config.likelihood.leakRepairs,
        c.attributes.leak_repairs_5y,
        c.attributes.leak_repairs_5y ?? null,
      ),
  },
  corrosion: {
    label: 'Corrosion environment',
    part: (c) => fromValue(c.config.likelihood.corrosion, c.attributes.corrosion_env),
  },
  third_party_construction: {
    label: 'Third-party construction nearby',
    part: (c) => fromFlag(c.config.likelihood.thirdPartyConstruction, c.attributes.third_party_construction),
  },
  subsidence: {
    label: 'Settlement / subsidence',
    part: (c) => fromFlag(c.config.likelihood.subsidence, c.attributes.subsidence),
  },
  condition_class: {
    label: 'Bridge technical condition class',
    part: (c) => fromValue(c.config.likelihood.conditionClass, c.attributes.condition_class),
  },
};

const SEVERITY: Readonly<Record<SeverityFactorKey, { label: string; part: (ctx: FactorContext) => Part }>> = {
  adjacent_spaces: {
    label: 'Confined adjacent spaces within 5 m',
    part: (c) =>
      fromStep(
        c.config.severity.adjacentSpaces,
        c.attributes.adjacent_spaces,
        c.attributes.adjacent_spaces ?? null,
      ),
  },
  population_density: {
    label: 'Population density',
    part: (c) => fromValue(c.config.severity.populationDensity, c.attributes.population_density),
  },
  crowded_places: { label: 'Crowded places within 100 m', part: crowdedPart },
  diameter_pressure: { label: 'Diameter × pressure', part: diameterPressurePart },
  households_served: {
    label: 'Households affected by an outage',
    part: (c) =>
      fromStep(
        c.config.severity.householdsServed,
        c.attributes.households_served,
        c.attributes.households_served ?? null,
      ),
  },
  traffic: { label: 'Arterial road / traffic', part: trafficPart },
  tunnel_cabins: { label: 'Utilities sharing the tunnel', part: cabinsPart },
  span: {
    label: 'Bridge span',
    part: (c) => fromStep(c.config.severity.span, c.attributes.span_m, c.attributes.span_m ?? null),
  },
};

/** The named likelihood contribution `key` for the asset in `ctx`. */
export function likelihoodFactor(key: LikelihoodFactorKey, ctx: FactorContext): StaticFactor {
  const { label, part } = LIKELIHOOD[key];
  return { key: `likelihood.${key}`, dimension: 'likelihood', label, ...part(ctx) };
}

/** The named severity contribution `key` for the asset in `ctx`. */
export function severityFactor(key: SeverityFactorKey, ctx: FactorContext): StaticFactor {
  const { label, part } = SEVERITY[key];
  return { key: `severity.${key}`, dimension: 'severity', label, ...part(ctx) };
}
