import type { Domain } from '#contracts';
import type { AlarmRule } from './alarm-rules.js';
import { GAS_RULES, HEATING_RULES } from './default-rules-gas-heating.js';
import { DEVICE_RULES, DRAINAGE_RULES, WATER_RULES } from './default-rules-water-drainage.js';
import { BRIDGE_RULES, TUNNEL_RULES } from './default-rules-structures.js';

/** Bump when any default rule changes; part of every resolved rule version. */
export const DEFAULT_RULES_VERSION = 'alarm-rules/1.0.0';

/** Default rules for every metric DOMAIN.md §a gives thresholds for. */
export const DEFAULT_RULES: readonly AlarmRule[] = [
  ...GAS_RULES,
  ...HEATING_RULES,
  ...WATER_RULES,
  ...DRAINAGE_RULES,
  ...BRIDGE_RULES,
  ...TUNNEL_RULES,
  ...DEVICE_RULES,
];

/** The rules of `rules` that watch `metric` in `domain`. */
export function rulesFor<T>(rules: readonly AlarmRule<T>[], domain: Domain, metric: string): AlarmRule<T>[] {
  return rules.filter((r) => r.metric === metric && r.domains.includes(domain));
}
