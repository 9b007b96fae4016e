import type { CrowdedPlaceKind, Domain, Level3, PipeMaterial, PressureClass } from '#contracts';
import type { LecConsequence, LecExposure, LecLikelihood } from './lec.js';
import type { Score5 } from './risk-matrix.js';

/**
 * Configuration of the static (census → L, S) mapping of DOMAIN.md §b.1. The whole mapping is an
 * ASSUMPTION of this project ("mapping = ASSUMPTION"): every number below is a configurable default.
 *
 * Scale: L = clamp(round_half_up(base + Σ contributions), 1, 5), the same for S. Contributions are
 * multiples of 0.25 (exact in binary floating point, so sums never drift). Each table is calibrated so
 * that, per domain, the best census scores 1, the worst scores 5, and a blank census (every attribute
 * unknown) scores 3: a missing attribute gets a documented "unknown" contribution, never the safe one.
 * The DOMAIN.md §b.3 worked example scores L = 4, S = 4 (see static-risk.spec.ts).
 */

/** Bump when any default below changes: stored with every assessment ("which rule version?"). */
export const RULESET_VERSION = 'static-risk/1.0.0';

export type LikelihoodFactorKey =
  | 'material'
  | 'age'
  | 'pressure_class'
  | 'leak_repairs'
  | 'corrosion'
  | 'third_party_construction'
  | 'subsidence'
  | 'condition_class';

export type SeverityFactorKey =
  | 'adjacent_spaces'
  | 'population_density'
  | 'crowded_places'
  | 'diameter_pressure'
  | 'households_served'
  | 'traffic'
  | 'tunnel_cabins'
  | 'span';

/** A lookup by category, plus the contribution when the attribute is missing. */
export interface ValueTable<K extends string | number> {
  values: Readonly<Record<K, number>>;
  unknown: number;
}

/** A step function: the first step (ordered by `min`, descending) with input ≥ min wins; below all → 0. */
export interface StepTable {
  steps: readonly { readonly min: number; readonly contribution: number }[];
  unknown: number;
}

export interface FlagTable {
  yes: number;
  no: number;
  unknown: number;
}

export interface FactorSet {
  likelihood: readonly LikelihoodFactorKey[];
  severity: readonly SeverityFactorKey[];
}

/** LEC exposure E from the census surroundings (lecFromCensus). */
export interface LecExposureConfig {
  /** A school/hospital/market/station/stadium within 100 m in a high-density area. */
  crowdedAndDense: LecExposure;
  /** A public crowded place, medium/high density, or an arterial road. */
  peopleDaily: LecExposure;
  /** Low density and no public crowded place. */
  sparse: LecExposure;
  unknown: LecExposure;
}

export interface StaticRiskConfig {
  version: string;
  base: { likelihood: number; severity: number };
  /** Which factors apply to which domain; `kindFactorSets['gas/regulator_station']` overrides by asset kind. */
  factorSets: Readonly<Record<Domain, FactorSet>>;
  kindFactorSets: Readonly<Record<string, FactorSet>>;
  /** Used when the census has no `design_life_years`. */
  designLifeYears: Readonly<Record<Domain, number>>;
  likelihood: {
    material: ValueTable<PipeMaterial>;
    /** Input: age ÷ design life. */
    ageRatio: StepTable;
    pressureClass: ValueTable<PressureClass>;
    leakRepairs: StepTable;
    corrosion: ValueTable<Level3>;
    thirdPartyConstruction: FlagTable;
    subsidence: FlagTable;
    conditionClass: ValueTable<Score5>;
  };
  severity: {
    adjacentSpaces: StepTable;
    populationDensity: ValueTable<Level3>;
    /** The most severe kind present counts; an empty list is a known "none" (0). */
    crowdedPlaces: ValueTable<CrowdedPlaceKind>;
    /** Gas: pressure class row × diameter column (lower bounds in mm); other domains: diameter only. */
    diameterPressure: {
      gasDiameterBoundsMm: readonly number[];
      gasMatrix: Readonly<Record<PressureClass, readonly number[]>>;
      otherDiameter: StepTable;
      unknown: number;
    };
    householdsServed: StepTable;
    /** max(arterial road, daily-traffic step); `unknown` only when both are missing. */
    traffic: { arterial: number; dailyTraffic: StepTable };
    tunnelCabins: { gas: number; powerOrHeating: number; other: number; unknown: number };
    /** Bridges: longest single span (m). */
    span: StepTable;
  };
  /** lecFromCensus: matrix L → LEC L, matrix S → LEC C, exposure from the surroundings. */
  lec: {
    likelihood: Readonly<Record<Score5, LecLikelihood>>;
    consequence: Readonly<Record<Score5, LecConsequence>>;
    exposure: LecExposureConfig;
  };
}

const PIPELINE_L: readonly LikelihoodFactorKey[] = [
  'material',
  'age',
  'leak_repairs',
  'corrosion',
  'third_party_construction',
  'subsidence',
];
const PIPELINE_S: readonly SeverityFactorKey[] = [
  'adjacent_spaces',
  'population_density',
  'crowded_places',
  'diameter_pressure',
  'households_served',
  'traffic',
];

export const DEFAULT_STATIC_RISK_CONFIG: StaticRiskConfig = {
  version: RULESET_VERSION,
  base: { likelihood: 1, severity: 1 },
  factorSets: {
    // Likelihood and severity drivers are the lists of DOMAIN.md §b.1; the per-domain selection is ASSUMPTION.
    gas: { likelihood: [...PIPELINE_L, 'pressure_class'], severity: PIPELINE_S },
    heating: { likelihood: PIPELINE_L, severity: PIPELINE_S },
    water: { likelihood: PIPELINE_L, severity: PIPELINE_S },
    // Drainage is gravity flow: no households "served" by a sewer in the outage sense.
    drainage: {
      likelihood: PIPELINE_L,
      severity: ['adjacent_spaces', 'population_density', 'crowded_places', 'diameter_pressure', 'traffic'],
    },
    bridge: {
      likelihood: ['condition_class', 'age', 'corrosion', 'third_party_construction', 'subsidence'],
      severity: ['population_density', 'crowded_places', 'traffic', 'span'],
    },
    // Tunnel "material" is the structure (plain / reinforced / prestressed concrete, steel box).
    tunnel: {
      likelihood: ['material', 'age', 'leak_repairs', 'corrosion', 'third_party_construction', 'subsidence'],
      severity: ['population_density', 'crowded_places', 'traffic', 'tunnel_cabins'],
    },
  },
  kindFactorSets: {},
  designLifeYears: {
    gas: 30, // ASSUMPTION (no sourced gas-main design life in DOMAIN.md)
    heating: 30, // hot-water pipe ≥ 30 yr [S18]
    water: 50, // ASSUMPTION
    drainage: 50, // ASSUMPTION
    bridge: 100, // ASSUMPTION (design service life of JTG D60, MEM)
    tunnel: 100, // ASSUMPTION (utility-tunnel design life of GB 50838, MEM)
  },
  likelihood: {
    // "grey cast iron / bare steel > ductile iron > PE" (DOMAIN.md §b.1); the other rows are ASSUMPTION.
    material: {
      values: {
        grey_cast_iron: 1,
        bare_steel: 1,
        concrete: 0.75,
        ductile_iron: 0.5,
        pvc: 0.5,
        prestressed_concrete: 0.5,
        coated_steel: 0.25,
        reinforced_concrete: 0.25,
        steel_box: 0.25,
        pe: 0,
      },
      unknown: 0.5,
    },
    ageRatio: {
      steps: [
        { min: 1, contribution: 0.75 },
        { min: 0.75, contribution: 0.5 },
        { min: 0.5, contribution: 0.25 },
      ],
      unknown: 0.5,
    },
    // Higher operating pressure = higher stress on joints (GB 50028 classes, MEM; weights ASSUMPTION).
    pressureClass: {
      values: { low: 0, medium_b: 0.25, medium_a: 0.25, sub_high: 0.5, high: 0.5 },
      unknown: 0.25,
    },
    leakRepairs: {
      steps: [
        { min: 3, contribution: 0.75 },
        { min: 2, contribution: 0.5 },
        { min: 1, contribution: 0.25 },
      ],
      unknown: 0.25,
    },
    corrosion: { values: { low: 0, medium: 0.25, high: 0.5 }, unknown: 0.25 },
    thirdPartyConstruction: { yes: 0.5, no: 0, unknown: 0.25 },
    subsidence: { yes: 0.5, no: 0, unknown: 0.25 },
    // JTG/T H21 class 1 (best) – 5 (worst): class 5 alone gives L = 5, class 4 gives L = 4.
    conditionClass: { values: { 1: 0, 2: 0.5, 3: 1.5, 4: 2.5, 5: 3.5 }, unknown: 1 },
  },
  severity: {
    // Gas migrates through confined spaces within 5 m (Hefei 2021 [S4]); counts are ASSUMPTION.
    adjacentSpaces: {
      steps: [
        { min: 6, contribution: 1 },
        { min: 3, contribution: 0.75 },
        { min: 1, contribution: 0.5 },
      ],
      unknown: 0.5,
    },
    populationDensity: { values: { low: 0, medium: 0.25, high: 0.5 }, unknown: 0.25 },
    crowdedPlaces: {
      values: { school: 0.75, hospital: 0.75, stadium: 0.5, station: 0.5, market: 0.5, residential: 0.25 },
      unknown: 0.25,
    },
    diameterPressure: {
      gasDiameterBoundsMm: [0, 100, 300],
      gasMatrix: {
        low: [0, 0.25, 0.25],
        medium_b: [0.25, 0.25, 0.5],
        medium_a: [0.25, 0.5, 0.75],
        sub_high: [0.5, 0.75, 1],
        high: [0.75, 1, 1],
      },
      otherDiameter: {
        steps: [
          { min: 800, contribution: 0.5 },
          { min: 300, contribution: 0.25 },
        ],
        unknown: 0.25,
      },
      unknown: 0.5,
    },
    householdsServed: {
      steps: [
        { min: 100_000, contribution: 0.75 },
        { min: 10_000, contribution: 0.5 },
        { min: 1_000, contribution: 0.25 },
      ],
      unknown: 0.25,
    },
    traffic: {
      arterial: 0.5,
      dailyTraffic: {
        steps: [
          { min: 50_000, contribution: 1 },
          { min: 20_000, contribution: 0.75 },
          { min: 5_000, contribution: 0.5 },
          { min: 1_000, contribution: 0.25 },
        ],
        unknown: 0.25,
      },
    },
    tunnelCabins: { gas: 1.5, powerOrHeating: 0.75, other: 0.25, unknown: 0.75 },
    // Span classes after JTG D60 (MEM): ≥ 150 m extra-large, ≥ 40 m large, ≥ 20 m medium.
    span: {
      steps: [
        { min: 150, contribution: 1.5 },
        { min: 40, contribution: 1 },
        { min: 20, contribution: 0.5 },
        { min: 0, contribution: 0.25 },
      ],
      unknown: 0.75,
    },
  },
  lec: {
    // Matrix L "within 5 yr" ↔ LEC "unusual but possible" (the DOMAIN.md §b.3 cross-check); ASSUMPTION.
    likelihood: { 5: 6, 4: 3, 3: 1, 2: 0.5, 1: 0.2 },
    // Matrix S 4 "several seriously injured" ↔ LEC C 15 "one death" (DOMAIN.md §b.3); ASSUMPTION.
    consequence: { 5: 40, 4: 15, 3: 7, 2: 3, 1: 1 },
    // "people pass daily" = 6 (DOMAIN.md §b.3); ASSUMPTION otherwise.
    exposure: { crowdedAndDense: 10, peopleDaily: 6, sparse: 3, unknown: 6 },
  },
};
