import { Injectable } from '@nestjs/common';
import { compareLevels, groupFloods, type AlarmLevel, type FloodAlarm } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { AlarmPolicy } from '../core/alarm-policy.js';
import { AlarmsRepository } from '../core/alarms.repository.js';
import { IncidentRecorder } from '../core/incident-recorder.js';
import { AssetContexts } from './asset-contexts.js';

/** Alarms looked at per check: a flood is > 10 in 10 min (PEERS.md §2); this bounds a pathological storm. */
const MAX_RECENT = 2000;

/**
 * After alarms were raised, looks at every alarm raised in the last flood window (all replicas' alarms,
 * from PostgreSQL) and records the floods that contain a new one. Run once per engine batch, not per alarm.
 */
@Injectable()
export class FloodGrouper {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly alarms: AlarmsRepository,
    private readonly assets: AssetContexts,
    private readonly recorder: IncidentRecorder,
    private readonly policy: AlarmPolicy,
  ) {}

  async afterRaises(newAlarmIds: ReadonlySet<string>, now: number): Promise<void> {
    if (newAlarmIds.size === 0) return;
    const since = new Date(now - this.policy.noise.flood.windowMs);
    const recent = await this.alarms.raisedSince(this.db, since, MAX_RECENT);
    if (recent.length <= this.policy.noise.flood.alarms) return;
    await this.assets.ensure(recent.map((a) => a.asset_id));
    const levels = new Map(recent.map((a) => [a.id, a.level as AlarmLevel]));
    const floodAlarms: FloodAlarm[] = recent.flatMap((a) => {
      const asset = this.assets.get(a.asset_id);
      return asset
        ? [{ id: a.id, assetId: a.asset_id, ancestry: asset.ancestorIds, raisedAt: a.raised_at.getTime() }]
        : [];
    });
    const { incidents } = groupFloods(floodAlarms, this.policy.noise);
    const touched = incidents.filter((i) => i.alarmIds.some((id) => newAlarmIds.has(id)));
    await this.assets.ensure(touched.map((i) => i.rootAssetId));
    for (const flood of touched) {
      const root = this.assets.get(flood.rootAssetId);
      if (!root) continue;
      const level = flood.alarmIds
        .map((id) => levels.get(id) ?? 'low')
        .reduce((a, b) => (compareLevels(a, b) >= 0 ? a : b));
      await this.db.transaction().execute((trx) => this.recorder.record(trx, flood, root, level, now));
    }
  }
}
