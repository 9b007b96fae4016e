import { Injectable } from '@nestjs/common';
import type { EvaluationContext, ResolvedRule } from '#domain';
import type { AssetContext } from '../core/asset-context.js';

/**
 * How long a neighbouring logger's anomaly counts as corroboration. Acoustic loggers report once a night
 * (DOMAIN.md §a.3, 02:00–04:00), so two loggers of the same night are up to a day apart. ASSUMPTION.
 */
export const NEIGHBOUR_WINDOW_MS = 36 * 3_600_000;

interface Anomaly {
  group: string;
  ts: number;
  anomalous: boolean;
}

/** Neighbours are the devices on the same asset or on its siblings (children of one parent, e.g. one main). */
const groupOf = (asset: AssetContext): string => asset.parentId ?? asset.id;

/**
 * The evaluator's corroboration context (rule-evaluator.ts EvaluationContext), kept in memory:
 * - companions: the latest value of every metric of an asset, e.g. `c2h6_present` beside `ch4_lel`
 *   (DOMAIN.md §a.1: ethane present raises a CH4 alarm by one level);
 * - neighbours: per rule with a `neighbours` corroboration, which devices were anomalous lately
 *   (§a.3: two neighbouring loggers corroborate a leak).
 * Lost on restart by design: it describes the last minutes (companions) or the last night (loggers).
 */
@Injectable()
export class Corroboration {
  private readonly companions = new Map<string, Record<string, { ts: number; value: number }>>();
  private readonly anomalies = new Map<string, Map<string, Anomaly>>();

  /** Records the values of one reading before its metrics are evaluated. */
  noteReading(assetId: string, ts: number, metrics: Readonly<Record<string, number>>): void {
    let latest = this.companions.get(assetId);
    if (!latest) this.companions.set(assetId, (latest = {}));
    for (const [metric, value] of Object.entries(metrics)) {
      const previous = latest[metric];
      if (!previous || previous.ts <= ts) latest[metric] = { ts, value };
    }
  }

  /** The context for evaluating `rule` on a reading of `deviceId` at `ts`. */
  contextFor(asset: AssetContext, deviceId: string, rule: ResolvedRule, ts: number): EvaluationContext {
    const context: EvaluationContext = { companions: this.companions.get(asset.id) };
    if (!rule.corroborations.some((c) => c.kind === 'neighbours')) return context;
    const group = groupOf(asset);
    let count = 0;
    for (const [other, a] of this.anomalies.get(rule.id) ?? [])
      if (
        other !== deviceId &&
        a.group === group &&
        a.anomalous &&
        Math.abs(ts - a.ts) <= NEIGHBOUR_WINDOW_MS
      )
        count++;
    return { ...context, neighboursAnomalous: count };
  }

  /** After evaluating: whether the device's reading met a condition of a rule that counts neighbours. */
  noteOutcome(
    asset: AssetContext,
    deviceId: string,
    rule: ResolvedRule,
    ts: number,
    anomalous: boolean,
  ): void {
    if (!rule.corroborations.some((c) => c.kind === 'neighbours')) return;
    let devices = this.anomalies.get(rule.id);
    if (!devices) this.anomalies.set(rule.id, (devices = new Map<string, Anomaly>()));
    devices.set(deviceId, { group: groupOf(asset), ts, anomalous });
  }
}
