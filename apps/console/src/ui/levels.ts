import { RISK_LEVELS, type RiskLevel } from '#contracts';

/**
 * The four-colour convention (DOMAIN.md: 重大 red · 较大 orange · 一般 yellow · 低 blue), tuned for a dark
 * wall screen. The only place colours are defined: the map's canvas reads them here and the stylesheet
 * through the CSS variables `applyLevelColours` sets.
 */
export const LEVEL_COLOURS: Readonly<Record<RiskLevel, string>> = {
  major: '#ff3b30',
  larger: '#ff8c1a',
  general: '#ffd60a',
  low: '#3d8bff',
};

/** Assets not graded yet, and the outline of unverified levels. */
export const UNGRADED_COLOUR = '#8b98a8';

export const LEVELS_HIGH_FIRST: readonly RiskLevel[] = RISK_LEVELS;

export function applyLevelColours(root: HTMLElement): void {
  for (const level of RISK_LEVELS) root.style.setProperty(`--level-${level}`, LEVEL_COLOURS[level]);
  root.style.setProperty('--level-none', UNGRADED_COLOUR);
}
