import type { RiskLevel } from '#contracts';

/**
 * Method A of DOMAIN.md §b.1: the 5×5 risk matrix, R = L × S with L, S ∈ 1..5, banded into the four
 * levels [S39]. Levels are stored as ordinal severities (blue < yellow < orange < red), never as
 * 一级/二级 labels, because those labels run in opposite directions in different standards (DOMAIN.md
 * "Naming trap").
 */

/** A likelihood or severity score on the 1..5 scale of DOMAIN.md §b.1. */
export type Score5 = 1 | 2 | 3 | 4 | 5;

/** The four-colour convention of the levels (DOMAIN.md §c.1, [S24][S25]). */
export type LevelColour = 'red' | 'orange' | 'yellow' | 'blue';

/** Levels from lowest to highest; the index is the ordinal severity. */
export const LEVELS_ASCENDING: readonly RiskLevel[] = ['low', 'general', 'larger', 'major'];

/** 重大 red · 较大 orange · 一般 yellow · 低 blue (DOMAIN.md §b.1, [S24]). */
export const LEVEL_COLOURS: Readonly<Record<RiskLevel, LevelColour>> = {
  major: 'red',
  larger: 'orange',
  general: 'yellow',
  low: 'blue',
};

/** zh-CN display labels (DOMAIN.md §b.1 bands). */
export const LEVEL_LABELS_ZH: Readonly<Record<RiskLevel, string>> = {
  major: '重大',
  larger: '较大',
  general: '一般',
  low: '低',
};

const COLOUR_LEVELS: Readonly<Record<LevelColour, RiskLevel>> = {
  red: 'major',
  orange: 'larger',
  yellow: 'general',
  blue: 'low',
};

/** Lower bound of each band of the 5×5 matrix: 20–25 major, 9–16 larger, 4–8 general, 1–3 low [S39]. */
export const MATRIX_BANDS: readonly { readonly min: number; readonly level: RiskLevel }[] = [
  { min: 20, level: 'major' },
  { min: 9, level: 'larger' },
  { min: 4, level: 'general' },
  { min: 1, level: 'low' },
];

/** Ordinal severity of a level: low 0, general 1, larger 2, major 3. */
export function levelRank(level: RiskLevel): number {
  return LEVELS_ASCENDING.indexOf(level);
}

/** The level of an ordinal severity, clamped to low..major. */
export function levelFromRank(rank: number): RiskLevel {
  const index = Math.min(LEVELS_ASCENDING.length - 1, Math.max(0, Math.trunc(rank)));
  return LEVELS_ASCENDING[index];
}

/** Negative when a is less severe than b, 0 when equal, positive when more severe (a sort comparator). */
export function compareLevels(a: RiskLevel, b: RiskLevel): number {
  return levelRank(a) - levelRank(b);
}

/** The most severe of the given levels; `low` for none. */
export function maxLevel(...levels: readonly RiskLevel[]): RiskLevel {
  return levels.reduce<RiskLevel>((best, level) => (compareLevels(level, best) > 0 ? level : best), 'low');
}

/** The level `steps` ordinal steps above `level` (negative steps lower it), clamped to low..major. */
export function raiseLevel(level: RiskLevel, steps: number): RiskLevel {
  return levelFromRank(levelRank(level) + steps);
}

/** The colour of a level (red/orange/yellow/blue). */
export function colourOfLevel(level: RiskLevel): LevelColour {
  return LEVEL_COLOURS[level];
}

/** The level of a colour: red = major, orange = larger, yellow = general, blue = low. */
export function levelOfColour(colour: LevelColour): RiskLevel {
  return COLOUR_LEVELS[colour];
}

/** True when `value` is an integer 1..5. */
export function isScore5(value: unknown): value is Score5 {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Rounds half up and clamps to 1..5 (half up = toward the more cautious score). */
export function toScore5(value: number): Score5 {
  if (!Number.isFinite(value)) throw new RangeError(`score must be finite, got ${value}`);
  return Math.min(5, Math.max(1, Math.floor(value + 0.5))) as Score5;
}

/** R = L × S for L, S ∈ 1..5 (DOMAIN.md §b.1 Method A); throws RangeError outside the scale. */
export function matrixScore(likelihood: number, severity: number): number {
  if (!isScore5(likelihood) || !isScore5(severity)) {
    throw new RangeError(`likelihood and severity must be integers 1..5, got L=${likelihood} S=${severity}`);
  }
  return likelihood * severity;
}

/** The band of a matrix score 1..25 [S39]; throws RangeError for anything else. */
export function levelForScore(score: number): RiskLevel {
  if (!Number.isInteger(score) || score < 1 || score > 25) {
    throw new RangeError(`matrix score must be an integer 1..25, got ${score}`);
  }
  // Products of two 1..5 scores skip 17–19, so "≥ lower bound" leaves no gap (DOMAIN.md §b.1).
  const band = MATRIX_BANDS.find((b) => score >= b.min);
  return band ? band.level : 'low';
}
