import type { Domain, RiskLevel } from '#contracts';
import type { AssetFeature, RiskMark } from '../api/types';

/** Level filter values: the four levels and 'none' (not graded yet). */
export type LevelChoice = RiskLevel | 'none';

/** What the map shows; an empty set means "all". */
export interface MapFilter {
  domains: ReadonlySet<Domain>;
  districts: ReadonlySet<string>;
  levels: ReadonlySet<LevelChoice>;
}

export const NO_FILTER: MapFilter = { domains: new Set(), districts: new Set(), levels: new Set() };

export function matches(filter: MapFilter, feature: AssetFeature, mark: RiskMark | undefined): boolean {
  const p = feature.properties;
  if (filter.domains.size > 0 && !filter.domains.has(p.domain)) return false;
  if (filter.districts.size > 0 && !filter.districts.has(p.district)) return false;
  return filter.levels.size === 0 || filter.levels.has(mark?.level ?? 'none');
}

/** Adds or removes one value of a filter set. */
export function toggle<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
