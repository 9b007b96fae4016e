import { Injectable } from '@nestjs/common';
import type { CensusAttributes, Domain, RiskLevel } from '#contracts';
import type { AlarmState, WorkflowAlarm } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

export interface AssetRecord {
  id: string;
  domain: Domain;
  kind: string;
  name: string;
  district: string;
  ownerUnitId: string;
  parentId: string | null;
  attributes: CensusAttributes;
  createdAt: number;
}

/** An enabled device and what the ingest last recorded about it. */
export interface DeviceRecord {
  id: string;
  assetId: string;
  lastSeenAt: number | null;
  reportIntervalS: number;
  online: boolean;
  createdAt: number;
}

/** An alarm row as the alarm engine writes it; `workflow` is the pure WorkflowAlarm. */
export interface AlarmRecord {
  id: string;
  assetId: string;
  deviceId: string | null;
  ruleId: string;
  metric: string | null;
  level: RiskLevel;
  state: AlarmState;
  value: number | null;
  threshold: number | null;
  conditionActive: boolean;
  workflow: WorkflowAlarm;
  raisedAt: number;
  closedAt: number | null;
}

export interface ExternalEventRecord {
  id: string;
  assetId: string;
  kind: 'excavation' | 'subsidence' | 'major_event';
  distanceM: number | null;
  startsAt: number;
  until: number | null;
  note: string;
  source: string;
}

/** Everything the risk model reads for a set of assets, keyed by asset id. */
export interface RiskInputSet {
  /** The requested assets and their confined-space children. */
  assets: Map<string, AssetRecord>;
  /** Confined-space children by parent id. */
  children: Map<string, AssetRecord[]>;
  devices: Map<string, DeviceRecord[]>;
  alarms: Map<string, AlarmRecord[]>;
  externalEvents: Map<string, ExternalEventRecord[]>;
}

export interface InputWindow {
  now: number;
  /** Alarms raised since then are loaded even when closed (confirmed-yellow count, DOMAIN.md §b.2). */
  raisedSince: number;
  /** Alarms closed since then are loaded (the last closed ticket, the last abnormal reading). */
  closedSince: number;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/** Reads the registry, the alarms and the external events the risk model needs; never writes. */
@Injectable()
export class RiskInputsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Inputs of `ids` and of their children whose kind is in `confinedKinds`. */
  async load(
    ids: readonly string[],
    confinedKinds: readonly string[],
    window: InputWindow,
    db: Db = this.db,
  ): Promise<RiskInputSet> {
    const assets = await this.assets(ids, confinedKinds, db);
    const members = [...assets.keys()];
    const [devices, alarms, externalEvents] = await Promise.all([
      this.devices(members, db),
      this.alarms(members, window, db),
      this.externalEvents(ids, window.now, db),
    ]);
    const confined = [...assets.values()].filter(
      (a) => a.parentId !== null && confinedKinds.includes(a.kind),
    );
    return {
      assets,
      children: groupBy(confined, (a) => a.parentId as string),
      devices: groupBy(devices, (d) => d.assetId),
      alarms: groupBy(alarms, (a) => a.assetId),
      externalEvents: groupBy(externalEvents, (e) => e.assetId),
    };
  }

  /** Every asset id in id order (the sweep walks them in chunks). */
  async allAssetIds(db: Db = this.db): Promise<string[]> {
    const rows = await db.selectFrom('assets').select('id').orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  private async assets(
    ids: readonly string[],
    kinds: readonly string[],
    db: Db,
  ): Promise<Map<string, AssetRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('assets')
      .select(['id', 'domain', 'kind', 'name', 'district', 'owner_unit_id', 'parent_id', 'attributes'])
      .select('created_at')
      .where((eb) =>
        eb.or([
          eb('id', '=', eb.fn.any(eb.val([...ids]))),
          eb.and([
            eb('parent_id', '=', eb.fn.any(eb.val([...ids]))),
            eb('kind', '=', eb.fn.any(eb.val([...kinds]))),
          ]),
        ]),
      )
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          domain: r.domain as Domain,
          kind: r.kind,
          name: r.name,
          district: r.district,
          ownerUnitId: r.owner_unit_id,
          parentId: r.parent_id,
          attributes: r.attributes,
          createdAt: r.created_at.getTime(),
        },
      ]),
    );
  }

  private async devices(assetIds: readonly string[], db: Db): Promise<DeviceRecord[]> {
    if (assetIds.length === 0) return [];
    const rows = await db
      .selectFrom('devices')
      .select(['id', 'asset_id', 'last_seen_at', 'report_interval_s', 'online', 'created_at'])
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...assetIds])))
      .where('enabled', '=', true)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      assetId: r.asset_id,
      lastSeenAt: ms(r.last_seen_at),
      reportIntervalS: r.report_interval_s,
      online: r.online,
      createdAt: r.created_at.getTime(),
    }));
  }

  private async alarms(assetIds: readonly string[], w: InputWindow, db: Db): Promise<AlarmRecord[]> {
    if (assetIds.length === 0) return [];
    const rows = await db
      .selectFrom('alarms')
      .select(['id', 'asset_id', 'device_id', 'rule_id', 'metric', 'level', 'state', 'value', 'threshold'])
      .select(['condition_active', 'workflow', 'raised_at', 'closed_at'])
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...assetIds])))
      .where((eb) =>
        eb.or([
          eb('state', 'not in', ['closed', 'dismissed']),
          eb('raised_at', '>=', new Date(w.raisedSince)),
          eb('closed_at', '>=', new Date(w.closedSince)),
        ]),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      assetId: r.asset_id,
      deviceId: r.device_id,
      ruleId: r.rule_id,
      metric: r.metric,
      level: r.level as RiskLevel,
      state: r.state as AlarmState,
      value: r.value,
      threshold: r.threshold,
      conditionActive: r.condition_active,
      workflow: r.workflow as unknown as WorkflowAlarm,
      raisedAt: r.raised_at.getTime(),
      closedAt: ms(r.closed_at),
    }));
  }

  private async externalEvents(ids: readonly string[], now: number, db: Db): Promise<ExternalEventRecord[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('external_events')
      .select(['id', 'asset_id', 'kind', 'distance_m', 'starts_at', 'until', 'note', 'source'])
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', new Date(now))]))
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      assetId: r.asset_id,
      kind: r.kind,
      distanceM: r.distance_m,
      startsAt: r.starts_at.getTime(),
      until: ms(r.until),
      note: r.note,
      source: r.source,
    }));
  }
}
