import { Injectable } from '@nestjs/common';
import {
  DEFAULT_RULES,
  DEFAULT_RULES_VERSION,
  resolveRules,
  type AlarmRule,
  type RuleOverride,
} from '#domain';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import type { FieldError } from '../../errors/app.exception.js';
import { AlarmException } from '../alarms.exception.js';
import { notifyAlarmChannel } from '../core/alarm-channels.js';
import { toRuleOverride } from '../engine/rule-sets.js';
import {
  RuleOverridesRepository,
  type OverrideKey,
  type RuleOverrideRow,
} from './rule-overrides.repository.js';
import { overrideShapeErrors } from './rule-override.validation.js';
import type { EffectiveRulesView, PutRuleOverrideDto, RuleOverrideView, RuleView } from './rules.dto.js';
import { toOverrideView, toRuleView } from './rule-views.js';

/**
 * Thresholds management (operators): the DOMAIN.md §a defaults, per-device-profile and per-asset
 * overrides, checked by the domain's own resolver before they are stored, versioned, audited, and
 * announced on `rule_overrides_changed` so every engine replica re-resolves the rules at once.
 */
@Injectable()
export class RulesService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly overrides: RuleOverridesRepository,
    private readonly audit: AuditService,
  ) {}

  /** The defaults, or the rules in force for a device / an asset with which scopes changed them. */
  async effective(q: { deviceId?: string; assetId?: string }): Promise<EffectiveRulesView> {
    if (!q.deviceId && !q.assetId)
      return {
        version: DEFAULT_RULES_VERSION,
        rules: DEFAULT_RULES.map((r) => toRuleView(r, [])),
        skipped: [],
      };
    const assetId = q.deviceId ? await this.overrides.deviceAsset(q.deviceId) : q.assetId;
    if (!assetId) throw new AlarmException('RULE_OVERRIDE_INVALID', `no device ${q.deviceId}`);
    const asset = await this.overrides.asset(assetId);
    if (!asset) throw new AlarmException('RULE_OVERRIDE_INVALID', `no asset ${assetId}`);
    const rows = await this.overrides.forScopes(q.deviceId, assetId);
    const profile = rows.filter((r) => r.scope === 'profile').map(toRuleOverride);
    const own = rows.filter((r) => r.scope === 'asset').map(toRuleOverride);
    const resolved = resolveRules(DEFAULT_RULES, profile, own, {
      attributes: asset.attributes,
    });
    const scopes = (id: string): string[] => rows.filter((r) => r.rule_id === id).map((r) => r.scope);
    const rules: RuleView[] = resolved.rules
      .filter((r) => r.domains.includes(asset.domain as AlarmRule['domains'][number]))
      .map((r) => toRuleView(r, scopes(r.id)));
    return { version: resolved.version, rules, skipped: resolved.skipped };
  }

  async list(): Promise<RuleOverrideView[]> {
    return (await this.overrides.list()).map(toOverrideView);
  }

  async get(key: OverrideKey): Promise<RuleOverrideView> {
    const row = await this.overrides.get(key);
    if (!row) throw notFound(key);
    return toOverrideView(row);
  }

  async put(key: OverrideKey, body: PutRuleOverrideDto, p: Principal): Promise<RuleOverrideView> {
    const rule = ruleOf(key.ruleId);
    const saved = await this.db.transaction().execute(async (trx) => {
      const current = await this.overrides.get(key, trx, true);
      if (body.expectedVersion !== undefined && body.expectedVersion !== (current?.version ?? 0))
        throw new AlarmException(
          'RULE_OVERRIDE_CONFLICT',
          `${describe(key)} is at version ${current?.version ?? 'none'}, not ${body.expectedVersion}`,
        );
      assertValid(await this.problems(trx, key, rule, body.override));
      const row = await this.overrides.save(trx, key, body.override, p.actor);
      await this.record(trx, p, 'rule_override.put', key, body.reason, {
        before: current?.override ?? null,
        after: body.override,
        version: row.version,
      });
      await notifyAlarmChannel(trx, 'rule_overrides_changed', `${key.scope}:${key.scopeId}`);
      return row;
    });
    return toOverrideView(saved);
  }

  async remove(key: OverrideKey, reason: string, p: Principal): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const current = await this.overrides.get(key, trx, true);
      if (!current) throw notFound(key);
      await this.overrides.delete(trx, key);
      await this.record(trx, p, 'rule_override.delete', key, reason, {
        before: current.override,
        version: current.version,
      });
      await notifyAlarmChannel(trx, 'rule_overrides_changed', `${key.scope}:${key.scopeId}`);
    });
  }

  /** Shape errors, an unknown scope target, or what the domain's resolver refuses after the merge. */
  private async problems(
    trx: Db,
    key: OverrideKey,
    rule: AlarmRule,
    override: Record<string, unknown>,
  ): Promise<FieldError[]> {
    const shape = overrideShapeErrors(rule, override);
    if (shape.length > 0) return shape;
    const assetId = key.scope === 'asset' ? key.scopeId : await this.overrides.deviceAsset(key.scopeId, trx);
    const asset = assetId ? await this.overrides.asset(assetId, trx) : undefined;
    if (!asset)
      return [
        { field: 'scopeId', message: `no ${key.scope === 'asset' ? 'asset' : 'device'} ${key.scopeId}` },
      ];
    const others = (
      await this.overrides.forScopes(key.scope === 'profile' ? key.scopeId : undefined, assetId, trx)
    )
      .filter((r: RuleOverrideRow) => r.rule_id === key.ruleId && r.scope !== key.scope)
      .map(toRuleOverride);
    const mine: RuleOverride = { ...override, ruleId: key.ruleId };
    const [profile, own] = key.scope === 'profile' ? [[mine], others] : [others, [mine]];
    const resolved = resolveRules([rule], profile, own, { attributes: asset.attributes });
    // A design value the asset lacks (e.g. no setpoint_mpa yet) leaves conditions out; that is not an error of the override.
    const missing = resolved.skipped.some((s) => s.reason.startsWith('missing reference value'));
    const acceptable = (reason: string): boolean =>
      reason === 'disabled' ||
      reason.startsWith('missing reference value') ||
      (missing && reason === 'no evaluable condition');
    return resolved.skipped
      .filter((s) => !acceptable(s.reason))
      .map((s) => ({
        field: s.conditionId ? `override.conditions.${s.conditionId}` : 'override',
        message: s.reason,
      }));
  }

  private async record(
    trx: Db,
    p: Principal,
    action: string,
    key: OverrideKey,
    reason: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        actor: p.actor,
        role: p.role,
        action,
        targetType: 'rule_override',
        targetId: describe(key),
        reason,
        detail,
      },
      trx,
    );
  }
}

const describe = (key: OverrideKey): string => `${key.scope}/${key.scopeId}/${key.ruleId}`;

function ruleOf(ruleId: string): AlarmRule {
  const rule = DEFAULT_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new AlarmException('RULE_NOT_FOUND', `no rule ${ruleId} (GET /api/v1/rules lists them)`);
  return rule;
}

function notFound(key: OverrideKey): AlarmException {
  return new AlarmException('RULE_OVERRIDE_NOT_FOUND', `no override ${describe(key)}`);
}

function assertValid(errors: FieldError[]): void {
  if (errors.length > 0)
    throw new AlarmException('RULE_OVERRIDE_INVALID', `${errors.length} problem(s) with the override`, {
      errors,
    });
}
