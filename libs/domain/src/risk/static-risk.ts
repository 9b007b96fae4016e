import type { CensusAttributes, Domain, RiskLevel } from '#contracts';
import { lecAssess, type LecResult } from './lec.js';
import { levelForScore, matrixScore, toScore5, type Score5 } from './risk-matrix.js';
import {
  DEFAULT_STATIC_RISK_CONFIG,
  type FactorSet,
  type LecExposureConfig,
  type StaticRiskConfig,
} from './static-risk-config.js';
import {
  likelihoodFactor,
  severityFactor,
  type FactorContext,
  type StaticFactor,
} from './static-risk-factors.js';

export interface StaticRiskInput {
  domain: Domain;
  /** Asset kind (e.g. `pipeline_segment`); selects `kindFactorSets['domain/kind']` when configured. */
  kind?: string;
  attributes: CensusAttributes;
  /** Calendar year of the assessment (age = year − install_year); a parameter, never the clock. */
  assessmentYear: number;
}

export interface StaticRiskAssessment {
  likelihood: Score5;
  severity: Score5;
  /** R = L × S (DOMAIN.md §b.1 Method A). */
  score: number;
  level: RiskLevel;
  /** Every contribution, likelihood first, in configuration order. */
  factors: StaticFactor[];
  /** base + Σ contributions before rounding, for the audit trail. */
  likelihoodPoints: number;
  severityPoints: number;
  rulesetVersion: string;
}

/** The factor set for a domain and kind (kind-specific set first, then the domain's). */
export function factorSetFor(config: StaticRiskConfig, domain: Domain, kind?: string): FactorSet {
  return (
    (kind === undefined ? undefined : config.kindFactorSets[`${domain}/${kind}`]) ?? config.factorSets[domain]
  );
}

const sum = (factors: readonly StaticFactor[]): number =>
  factors.reduce((total, f) => total + f.contribution, 0);

/** Static (inherent) risk from the census: L and S as sums of named contributions, R = L × S (DOMAIN.md §b.1). */
export function assessStaticRisk(
  input: StaticRiskInput,
  config: StaticRiskConfig = DEFAULT_STATIC_RISK_CONFIG,
): StaticRiskAssessment {
  if (!Number.isInteger(input.assessmentYear))
    throw new RangeError(`assessmentYear must be an integer, got ${input.assessmentYear}`);
  const ctx: FactorContext = {
    domain: input.domain,
    attributes: input.attributes,
    assessmentYear: input.assessmentYear,
    config,
  };
  const set = factorSetFor(config, input.domain, input.kind);
  const lFactors = set.likelihood.map((key) => likelihoodFactor(key, ctx));
  const sFactors = set.severity.map((key) => severityFactor(key, ctx));
  const likelihoodPoints = config.base.likelihood + sum(lFactors);
  const severityPoints = config.base.severity + sum(sFactors);
  const likelihood = toScore5(likelihoodPoints);
  const severity = toScore5(severityPoints);
  const score = matrixScore(likelihood, severity);
  return {
    likelihood,
    severity,
    score,
    level: levelForScore(score),
    factors: [...lFactors, ...sFactors],
    likelihoodPoints,
    severityPoints,
    rulesetVersion: config.version,
  };
}

export interface LecFromCensus extends LecResult {
  /** The static assessment the L and C factors were derived from. */
  basis: StaticRiskAssessment;
  exposureReason: string;
}

const PUBLIC_PLACES = new Set(['school', 'hospital', 'market', 'station', 'stadium']);

function exposureFor(attributes: CensusAttributes, table: LecExposureConfig): { e: number; reason: string } {
  const publicPlace = (attributes.crowded_places ?? []).some((p) => PUBLIC_PLACES.has(p));
  const density = attributes.population_density;
  if (publicPlace && density === 'high')
    return { e: table.crowdedAndDense, reason: 'crowded public place in a dense area' };
  if (publicPlace || density === 'high' || density === 'medium' || attributes.arterial_road === true) {
    return { e: table.peopleDaily, reason: 'people pass daily' };
  }
  if (density === 'low') return { e: table.sparse, reason: 'sparse surroundings' };
  return { e: table.unknown, reason: 'surroundings unknown (assumed: people pass daily)' };
}

/** LEC alternative scorer (DOMAIN.md §b.1 Method B) derived from the same census: L and C from the matrix scores, E from the surroundings. */
export function lecFromCensus(
  input: StaticRiskInput,
  config: StaticRiskConfig = DEFAULT_STATIC_RISK_CONFIG,
): LecFromCensus {
  const basis = assessStaticRisk(input, config);
  const exposure = exposureFor(input.attributes, config.lec.exposure);
  const result = lecAssess({
    l: config.lec.likelihood[basis.likelihood],
    e: exposure.e,
    c: config.lec.consequence[basis.severity],
  });
  return { ...result, basis, exposureReason: exposure.reason };
}
