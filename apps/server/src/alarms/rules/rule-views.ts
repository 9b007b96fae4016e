import type { AlarmRule } from '#domain';
import type { RuleOverrideRow } from './rule-overrides.repository.js';
import type { RuleOverrideView, RuleView } from './rules.dto.js';

export function toRuleView(rule: AlarmRule<unknown>, overriddenBy: string[]): RuleView {
  return {
    id: rule.id,
    domains: [...rule.domains],
    metric: rule.metric,
    label: rule.label,
    source: rule.source,
    assumption: rule.assumption,
    enabled: rule.enabled,
    conditions: [...rule.conditions],
    deadband: rule.deadband,
    onDelay: rule.onDelay,
    offDelay: rule.offDelay,
    repeat: rule.repeat ?? null,
    corroborations: [...rule.corroborations],
    params: { ...rule.params },
    overriddenBy,
  };
}

export function toOverrideView(row: RuleOverrideRow): RuleOverrideView {
  return {
    scope: row.scope,
    scopeId: row.scope_id,
    ruleId: row.rule_id,
    override: row.override,
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}
