import { Injectable } from '@nestjs/common';
import {
  evaluate,
  isChattering,
  recordTransition,
  type ResolvedRule,
  type RuleReading,
  type RuleTransition,
} from '#domain';
import type { StoredReading } from '#influx';
import { AlarmPolicy } from '../core/alarm-policy.js';
import type { AssetContext } from '../core/asset-context.js';
import { EngineCaches } from './engine-caches.js';
import { EngineMetrics } from './engine-metrics.js';
import type { QueuedReading } from './engine-queue.js';
import type { KeyState } from './rule-state.store.js';

/** One rule transition to turn into an alarm change. */
export interface AlarmWork {
  asset: AssetContext;
  deviceId: string;
  rule: ResolvedRule;
  ruleVersion: string;
  transition: RuleTransition;
  /** The (asset, rule) state right after the transition: committed with the alarm change. */
  snapshot: KeyState;
  /** ≥ 3 active↔clear transitions in a minute (noise.ts), counting this one. */
  chattering: boolean;
  receivedAt: number;
}

/** Device-health values travel beside the metrics (CONTRACT.md §1) but have rules of their own (§a.7). */
function valuesOf(r: StoredReading): Record<string, number> {
  const values: Record<string, number> = { ...r.metrics };
  if (r.batteryPct !== undefined) values.battery_pct = r.batteryPct;
  if (r.rssiDbm !== undefined) values.rssi_dbm = r.rssiDbm;
  return values;
}

const byTs = (a: QueuedReading, b: QueuedReading): number => a.reading.ts - b.reading.ts;

/**
 * The synchronous part of the engine: each reading × each rule watching one of its metrics goes through
 * the pure `evaluate` with the in-memory state; states are updated (and marked for the write-behind) and
 * transitions come out as work. No I/O, so a batch of thousands of readings costs only CPU.
 */
@Injectable()
export class ReadingEvaluator {
  constructor(
    private readonly caches: EngineCaches,
    private readonly metrics: EngineMetrics,
    private readonly policy: AlarmPolicy,
  ) {}

  /**
   * Evaluates one asset's readings (in time order); returns the transitions in order, or null when the
   * asset's context was dropped since the batch was loaded (the registry changed it): retry the readings.
   */
  evaluateAsset(items: readonly QueuedReading[], now: number): AlarmWork[] | null {
    const asset = this.caches.assets.get(items[0]?.reading.assetId ?? '');
    if (asset === undefined) return null;
    if (asset === null) return []; // not (or no longer) a registered asset
    const work: AlarmWork[] = [];
    let evaluations = 0;
    for (const item of [...items].sort(byTs)) {
      const r = item.reading;
      const rules = this.caches.ruleSets.rulesFor(r.deviceId, asset);
      const values = valuesOf(r);
      this.caches.corroboration.noteReading(asset.id, r.ts, values);
      for (const [metric, value] of Object.entries(values)) {
        for (const rule of rules.byMetric.get(metric) ?? []) {
          evaluations++;
          const reading: RuleReading = {
            ts: r.ts,
            value,
            quality: r.quality === 'suspect' ? 'suspect' : 'good',
          };
          const found = this.step(asset, r.deviceId, rule, reading, now);
          for (const transition of found.transitions)
            work.push({
              asset,
              deviceId: r.deviceId,
              rule,
              ruleVersion: rules.version,
              transition,
              snapshot: found.snapshot,
              chattering: isChattering(found.snapshot.noise, transition.ts, this.policy.noise),
              receivedAt: item.receivedAt,
            });
        }
      }
    }
    this.metrics.evaluations.inc(evaluations);
    return work;
  }

  private step(
    asset: AssetContext,
    deviceId: string,
    rule: ResolvedRule,
    reading: RuleReading,
    now: number,
  ): { transitions: RuleTransition[]; snapshot: KeyState } {
    const states = this.caches.states;
    const current = states.get(asset.id, rule.id);
    const context = this.caches.corroboration.contextFor(asset, deviceId, rule, reading.ts);
    const result = evaluate(current?.state ?? null, reading, rule, now, context);
    const unchanged = current !== undefined && result.state === current.state;
    if (unchanged || (current === undefined && result.ignored.length > 0)) {
      return { transitions: [], snapshot: current ?? { state: result.state, noise: [] } };
    }
    this.caches.corroboration.noteOutcome(
      asset,
      deviceId,
      rule,
      reading.ts,
      result.state.conditionLevel !== null,
    );
    let noise = current?.noise ?? [];
    for (const t of result.transitions)
      if (t.kind === 'raise' || t.kind === 'clear') noise = recordTransition(noise, t.ts, this.policy.noise);
    const snapshot: KeyState = { state: result.state, noise };
    states.set(asset.id, rule.id, snapshot);
    return { transitions: result.transitions, snapshot };
  }
}
