import { Injectable } from '@nestjs/common';
import { compareLevels, type AlarmLevel, type FloodIncident } from '#domain';
import type { Db } from '#postgres';
import { AppConfig } from '../../config/app-config.js';
import { EventsService } from '../../events/events.service.js';
import type { AssetContext } from './asset-context.js';
import { AlarmsRepository } from './alarms.repository.js';
import { IncidentsRepository } from './incidents.repository.js';

/**
 * Records a flood (noise.ts groupFloods) as the open incident of its subtree root: opens it or adds the
 * new alarms to it, links the alarms, and emits `incident.opened` / `incident.updated` (PEERS.md §5.C
 * item 13: a flood collapses into one grouped incident per asset subtree).
 */
@Injectable()
export class IncidentRecorder {
  private readonly publicUrl: string;

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly alarms: AlarmsRepository,
    private readonly events: EventsService,
    config: AppConfig,
  ) {
    this.publicUrl = config.http.publicUrl;
  }

  async record(
    trx: Db,
    flood: FloodIncident,
    root: AssetContext,
    level: AlarmLevel,
    now: number,
  ): Promise<void> {
    const at = new Date(now);
    let row = await this.incidents.findOpenForUpdate(trx, root.id);
    let opened = false;
    if (!row) {
      row = await this.incidents.open(trx, root.id, level, at);
      opened = row !== undefined;
      row ??= await this.incidents.findOpenForUpdate(trx, root.id);
    }
    if (!row) throw new Error(`no open incident for ${root.id} after opening one`);
    await this.alarms.linkIncident(trx, flood.alarmIds, row.id);
    const highest = compareLevels(level, row.level as AlarmLevel) > 0 ? level : (row.level as AlarmLevel);
    const count = await this.incidents.refresh(trx, row.id, highest, at);
    if (!opened && count === row.alarm_count && highest === row.level) return;
    await this.events.append(trx, [
      {
        type: opened ? 'incident.opened' : 'incident.updated',
        at,
        assetId: root.id,
        ownerUnitId: root.ownerUnitId,
        domain: root.domain,
        district: root.district,
        data: {
          incidentId: row.id,
          rootAssetId: root.id,
          level: highest,
          alarmCount: count,
          alarmIds: flood.alarmIds,
          openedAt: row.opened_at.toISOString(),
          reason: `flood: more than ${flood.alarmIds.length - 1} alarms in the subtree of ${root.id} within the flood window (PEERS.md §2)`,
          links: { self: `${this.publicUrl}/api/v1/alarms?assetId=${encodeURIComponent(root.id)}&open=true` },
        },
      },
    ]);
  }
}
