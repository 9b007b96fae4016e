import type { RiskLevel } from '#contracts';

/**
 * Method B of DOMAIN.md §b.1: LEC, D = L × E × C, with the factor tables and D bands of [S40][S41].
 * DOMAIN.md recommends the matrix (Method A) as canonical and LEC as an alternative scorer for
 * confined-space and worker exposure.
 */

/** L: likelihood of the accident [S40]. */
export const LEC_LIKELIHOOD = {
  10: 'fully expected',
  6: 'quite possible',
  3: 'unusual but possible',
  1: 'remote',
  0.5: 'conceivable but very unlikely',
  0.2: 'practically impossible',
  0.1: 'virtually impossible',
} as const;

/** E: exposure of people to the hazard [S40]. */
export const LEC_EXPOSURE = {
  10: 'continuous',
  6: 'daily in working hours',
  3: 'weekly or occasional',
  2: 'monthly',
  1: 'a few times a year',
  0.5: 'very rare',
} as const;

/** C: consequence [S40]. */
export const LEC_CONSEQUENCE = {
  100: 'catastrophe (many deaths)',
  40: 'disaster (several deaths)',
  15: 'very serious (one death)',
  7: 'serious injury',
  3: 'disabling',
  1: 'needs first aid',
} as const;

export type LecLikelihood = 10 | 6 | 3 | 1 | 0.5 | 0.2 | 0.1;
export type LecExposure = 10 | 6 | 3 | 2 | 1 | 0.5;
export type LecConsequence = 100 | 40 | 15 | 7 | 3 | 1;

export interface LecFactors {
  l: number;
  e: number;
  c: number;
}

export interface LecResult {
  l: LecLikelihood;
  e: LecExposure;
  c: LecConsequence;
  d: number;
  level: RiskLevel;
  /** The standard wording of the D band [S40]. */
  wording: string;
}

/**
 * D bands [S40] and their level (DOMAIN.md §b.1). The ranges share their end points (160, 70); a D on a
 * shared end point takes the more severe band, except 320, which the spec writes as "> 320 major".
 */
export const LEC_BANDS: readonly {
  readonly above: number;
  readonly inclusive: boolean;
  readonly level: RiskLevel;
  readonly wording: string;
}[] = [
  { above: 320, inclusive: false, level: 'major', wording: 'extremely dangerous, stop operation' },
  { above: 160, inclusive: true, level: 'larger', wording: 'highly dangerous, rectify immediately' },
  { above: 70, inclusive: true, level: 'general', wording: 'notably dangerous, rectify' },
  // 20–70 and < 20 both map to 低 (the < 20 merge is an ASSUMPTION of DOMAIN.md §b.1).
  { above: 20, inclusive: true, level: 'low', wording: 'possibly dangerous, watch' },
  { above: -Infinity, inclusive: false, level: 'low', wording: 'slightly dangerous, acceptable' },
];

const hasKey = (table: object, value: number): boolean => Object.keys(table).map(Number).includes(value);

/** Every problem with the factor values (empty when all three are values of the [S40] tables). */
export function lecFactorErrors(factors: LecFactors): string[] {
  const errors: string[] = [];
  if (!hasKey(LEC_LIKELIHOOD, factors.l))
    errors.push(`L=${factors.l} is not one of 10, 6, 3, 1, 0.5, 0.2, 0.1`);
  if (!hasKey(LEC_EXPOSURE, factors.e)) errors.push(`E=${factors.e} is not one of 10, 6, 3, 2, 1, 0.5`);
  if (!hasKey(LEC_CONSEQUENCE, factors.c)) errors.push(`C=${factors.c} is not one of 100, 40, 15, 7, 3, 1`);
  return errors;
}

/** The band (level and wording) of a D value. */
export function lecBand(d: number): { level: RiskLevel; wording: string } {
  const band =
    LEC_BANDS.find((b) => (b.inclusive ? d >= b.above : d > b.above)) ?? LEC_BANDS[LEC_BANDS.length - 1];
  return { level: band.level, wording: band.wording };
}

/** D = L × E × C and its level; throws RangeError when a factor is not a table value. */
export function lecAssess(factors: LecFactors): LecResult {
  const errors = lecFactorErrors(factors);
  if (errors.length > 0) throw new RangeError(`invalid LEC factors: ${errors.join('; ')}`);
  // Round away float noise (0.1 × 0.5 × …) to 4 decimals; the bands are integers.
  const d = Math.round(factors.l * factors.e * factors.c * 1e4) / 1e4;
  return {
    l: factors.l as LecLikelihood,
    e: factors.e as LecExposure,
    c: factors.c as LecConsequence,
    d,
    ...lecBand(d),
  };
}
