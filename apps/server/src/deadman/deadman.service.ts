import { Injectable } from '@nestjs/common';
import type { DeviceEventData } from '#contracts';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';
import { EventsService, type NewPlatformEvent } from '../events/events.service.js';
import { Clock } from '../risk/clock.js';
import { RiskSettings } from '../risk/risk.settings.js';
import { DeviceStatusRepository } from './device-status.repository.js';
import { decideDevice, type DeviceDecision } from './device-transitions.js';

export interface ScanResult {
  /** False when another process ran this scan. */
  ran: boolean;
  checked: number;
  offline: string[];
  online: string[];
}

function toEvent(d: DeviceDecision, type: 'device.offline' | 'device.online', now: number): NewPlatformEvent {
  const { device, status } = d;
  return {
    type,
    at: new Date(now),
    assetId: device.assetId,
    ownerUnitId: device.ownerUnitId,
    domain: device.domain,
    district: device.district,
    data: {
      deviceId: device.id,
      assetId: device.assetId,
      domain: device.domain,
      ownerUnitId: device.ownerUnitId,
      lastSeenAt: device.lastSeenAt === null ? null : new Date(device.lastSeenAt).toISOString(),
      reason: status.reason ?? 'reporting',
    } satisfies DeviceEventData,
  };
}

/**
 * The device layer of the deadman (DOMAIN.md §a.7, PEERS.md §5.C item 14): one scan of every enabled
 * device, comparing the domain's verdict with what was last announced, in one transaction that stores the
 * new status and appends `device.offline` / `device.online`. The state lives in PostgreSQL, so a restart
 * neither repeats nor loses an announcement, and a device that never comes back is still announced
 * (ThingsBoard raises inactivity only when the device returns, PEERS.md pain point 5).
 */
@Injectable()
export class DeadmanService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly statuses: DeviceStatusRepository,
    private readonly events: EventsService,
    private readonly clock: Clock,
    private readonly settings: RiskSettings,
  ) {}

  async scan(): Promise<ScanResult> {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.statuses.tryLock(trx))) return { ran: false, checked: 0, offline: [], online: [] };
      const devices = await this.statuses.watched(trx);
      const decisions = devices.map((d) => decideDevice(d, now, this.settings.deadman));
      await this.statuses.save(
        trx,
        decisions.flatMap((d) => (d.write ? [d.write] : [])),
      );
      const offline = decisions.filter((d) => d.event === 'device.offline');
      const online = decisions.filter((d) => d.event === 'device.online');
      // Last statement of the transaction: the event log's commit-order lock is held until commit.
      await this.events.append(trx, [
        ...offline.map((d) => toEvent(d, 'device.offline', now)),
        ...online.map((d) => toEvent(d, 'device.online', now)),
      ]);
      return {
        ran: true,
        checked: devices.length,
        offline: offline.map((d) => d.device.id),
        online: online.map((d) => d.device.id),
      };
    });
  }
}
