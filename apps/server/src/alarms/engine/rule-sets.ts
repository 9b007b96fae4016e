import { Injectable } from '@nestjs/common';
import { DEFAULT_RULES, resolveRules, type ResolvedRule, type RuleOverride } from '#domain';
import type { AssetContext } from '../core/asset-context.js';
import { EngineRepository, type OverrideRow } from './engine.repository.js';

/** The rules in force for one device on one asset, indexed by the metric they watch. */
export interface DeviceRules {
  /** Base version + override/census hashes (rule-resolve.ts), stored with every alarm. */
  version: string;
  byMetric: ReadonlyMap<string, readonly ResolvedRule[]>;
}

export type OverrideScope = 'profile' | 'asset';

const key = (scope: OverrideScope, id: string): string => `${scope}:${id}`;

/** A stored override row as the domain's RuleOverride. */
export function toRuleOverride(row: Pick<OverrideRow, 'rule_id' | 'override'>): RuleOverride {
  return { ...(row.override as Omit<RuleOverride, 'ruleId'>), ruleId: row.rule_id };
}

/**
 * Resolved rule sets per (device, asset): DEFAULT_RULES ← device-profile overrides ← asset overrides,
 * thresholds made numeric with the asset's census (rule-resolve.ts). Overrides are loaded once per scope
 * and re-read after `rule_overrides_changed`; a set is resolved once and reused for every reading.
 */
@Injectable()
export class RuleSets {
  private readonly overrides = new Map<string, RuleOverride[]>();
  /** Scopes whose overrides changed: their old values serve until `ensure` has re-read them. */
  private readonly stale = new Set<string>();
  private readonly sets = new Map<string, DeviceRules>();
  /** Set keys by device (index 0) and by asset (index 1), so dropping one's sets needn't scan them all. */
  private readonly setKeysBy = [new Map<string, Set<string>>(), new Map<string, Set<string>>()] as const;

  constructor(private readonly repo: EngineRepository) {}

  /** Loads the overrides of the device profiles and assets not yet known (or changed since). */
  async ensure(pairs: Iterable<{ deviceId: string; assetId: string }>): Promise<void> {
    const devices = new Set<string>();
    const assets = new Set<string>();
    const wanted = (k: string): boolean => !this.overrides.has(k) || this.stale.has(k);
    for (const p of pairs) {
      if (wanted(key('profile', p.deviceId))) devices.add(p.deviceId);
      if (wanted(key('asset', p.assetId))) assets.add(p.assetId);
    }
    if (devices.size === 0 && assets.size === 0) return;
    const rows = await this.repo.overrides([...devices], [...assets]);
    const loaded = new Map<string, RuleOverride[]>();
    for (const id of devices) loaded.set(key('profile', id), []);
    for (const id of assets) loaded.set(key('asset', id), []);
    for (const row of rows) loaded.get(key(row.scope, row.scope_id))?.push(toRuleOverride(row));
    for (const [k, list] of loaded) {
      this.overrides.set(k, list);
      this.stale.delete(k);
    }
    // A set resolved meanwhile from the old values must not outlive them.
    for (const id of devices) this.dropSets('profile', id);
    for (const id of assets) this.dropSets('asset', id);
  }

  /** The rules of a device on its asset (after `ensure`). */
  rulesFor(deviceId: string, asset: AssetContext): DeviceRules {
    const setKey = `${deviceId}|${asset.id}`;
    let set = this.sets.get(setKey);
    if (!set) {
      const resolved = resolveRules(
        DEFAULT_RULES,
        this.overrides.get(key('profile', deviceId)) ?? [],
        this.overrides.get(key('asset', asset.id)) ?? [],
        { attributes: asset.attributes },
      );
      const byMetric = new Map<string, ResolvedRule[]>();
      for (const rule of resolved.rules) {
        if (!rule.domains.includes(asset.domain)) continue;
        byMetric.set(rule.metric, [...(byMetric.get(rule.metric) ?? []), rule]);
      }
      set = { version: resolved.version, byMetric };
      this.sets.set(setKey, set);
      this.indexSet(0, deviceId, setKey);
      this.indexSet(1, asset.id, setKey);
    }
    return set;
  }

  /** An override of `scope`/`id` changed: re-read it before the next batch and re-resolve its sets. */
  invalidate(scope: OverrideScope, id: string): void {
    if (this.overrides.has(key(scope, id))) this.stale.add(key(scope, id));
    this.dropSets(scope, id);
  }

  /** After missed notifications: every override is re-read before the next batch. */
  refreshAll(): void {
    for (const k of this.overrides.keys()) this.stale.add(k);
    this.clearSets();
  }

  /** The asset changed (census values feed percent-of-design thresholds): re-resolve its sets. */
  evictAsset(assetId: string): void {
    this.dropSets('asset', assetId);
  }

  private dropSets(scope: OverrideScope, id: string): void {
    const index = this.setKeysBy[scope === 'profile' ? 0 : 1];
    const setKeys = index.get(id);
    if (!setKeys) return;
    index.delete(id);
    for (const setKey of setKeys) this.sets.delete(setKey);
  }

  private indexSet(position: 0 | 1, id: string, setKey: string): void {
    const index = this.setKeysBy[position];
    let setKeys = index.get(id);
    if (!setKeys) index.set(id, (setKeys = new Set()));
    setKeys.add(setKey);
  }

  private clearSets(): void {
    this.sets.clear();
    for (const index of this.setKeysBy) index.clear();
  }

  clear(): void {
    this.overrides.clear();
    this.stale.clear();
    this.clearSets();
  }
}
