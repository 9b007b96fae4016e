import type { CensusAttributes, Domain, RiskLevel } from '#contracts';
import { DEFAULT_RULES, resolveRules, type ResolvedRule } from '#domain';

export interface ThresholdLine {
  level: RiskLevel;
  value: number;
}

/** Threshold lines of one rule: the level steps of above/below conditions and the bands of outside ones. */
function linesOf(rule: ResolvedRule): ThresholdLine[] {
  return rule.conditions.flatMap((c): ThresholdLine[] => {
    switch (c.kind) {
      case 'above':
        // Relative conditions (above a baseline, absolute deviation) have no fixed line to draw.
        return c.baseline === undefined && !c.absolute
          ? c.steps.map((s) => ({ level: s.level, value: s.value }))
          : [];
      case 'below':
        return c.steps.map((s) => ({ level: s.level, value: s.value }));
      case 'outside':
        return c.bands.flatMap((b) => [
          { level: b.level, value: b.low },
          { level: b.level, value: b.high },
        ]);
      case 'rate':
      case 'rising':
        return [];
    }
  });
}

/**
 * The default alarm thresholds of `metric` for an asset (libs/domain default rules, design values from
 * its census resolved), as horizontal lines for its trend chart. Per-asset overrides live on the server;
 * these are the defaults the rule engine starts from.
 */
export function thresholdLines(
  domain: Domain,
  metric: string,
  attributes: CensusAttributes,
): ThresholdLine[] {
  const rules = DEFAULT_RULES.filter((r) => r.metric === metric && r.domains.includes(domain));
  const { rules: resolved } = resolveRules(rules, [], [], { attributes });
  const seen = new Set<string>();
  return resolved.flatMap(linesOf).filter((line) => {
    const key = `${line.level}:${line.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
