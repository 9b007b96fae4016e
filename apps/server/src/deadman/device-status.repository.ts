import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Domain } from '#contracts';
import type { OfflineReason } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

/**
 * Transaction-scoped advisory lock of one deadman scan: with several dispatcher processes exactly one
 * scans at a time and the others skip their turn (the next turn comes 15 s later anyway).
 */
const DEADMAN_LOCK_KEY = 7_265_101;

/** What the deadman last announced for a device. */
export interface AnnouncedStatus {
  offline: boolean;
  reason: OfflineReason | null;
  /** When the device went to this side (offline or online). */
  since: number;
}

/** An enabled device with what the ingest recorded, its owner and its last announced status. */
export interface WatchedDevice {
  id: string;
  assetId: string;
  domain: Domain;
  ownerUnitId: string;
  district: string;
  lastSeenAt: number | null;
  reportIntervalS: number;
  online: boolean;
  announced: AnnouncedStatus | null;
}

export interface StatusWrite {
  deviceId: string;
  offline: boolean;
  reason: OfflineReason | null;
  since: number;
  lastSeenAt: number | null;
}

/** `device_status` (migration 0004) and the device columns the ingest keeps (online, last_seen_at). */
@Injectable()
export class DeviceStatusRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** False when another process holds this scan's lock. */
  async tryLock(trx: Db): Promise<boolean> {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${DEADMAN_LOCK_KEY}) as locked`.execute(trx);
    return rows[0]?.locked === true;
  }

  async watched(trx: Db): Promise<WatchedDevice[]> {
    const rows = await trx
      .selectFrom('devices as d')
      .innerJoin('assets as a', 'a.id', 'd.asset_id')
      .leftJoin('device_status as s', 's.device_id', 'd.id')
      .select(['d.id', 'd.asset_id', 'd.domain', 'd.last_seen_at', 'd.report_interval_s', 'd.online'])
      .select(['a.owner_unit_id', 'a.district', 's.offline', 's.reason', 's.since'])
      .where('d.enabled', '=', true)
      .orderBy('d.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      assetId: r.asset_id,
      domain: r.domain as Domain,
      ownerUnitId: r.owner_unit_id,
      district: r.district,
      lastSeenAt: r.last_seen_at?.getTime() ?? null,
      reportIntervalS: r.report_interval_s,
      online: r.online,
      announced:
        r.offline === null || r.since === null
          ? null
          : { offline: r.offline, reason: r.reason as OfflineReason | null, since: r.since.getTime() },
    }));
  }

  async save(trx: Db, writes: readonly StatusWrite[]): Promise<void> {
    // 5 parameters a row; PostgreSQL binds at most 65,535 per statement.
    for (let i = 0; i < writes.length; i += 5000) await this.saveChunk(trx, writes.slice(i, i + 5000));
  }

  private async saveChunk(trx: Db, writes: readonly StatusWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await trx
      .insertInto('device_status')
      .values(
        writes.map((w) => ({
          device_id: w.deviceId,
          offline: w.offline,
          reason: w.reason,
          since: new Date(w.since),
          last_seen_at: w.lastSeenAt === null ? null : new Date(w.lastSeenAt),
        })),
      )
      .onConflict((oc) =>
        oc.column('device_id').doUpdateSet((eb) => ({
          offline: eb.ref('excluded.offline'),
          reason: eb.ref('excluded.reason'),
          since: eb.ref('excluded.since'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
        })),
      )
      .execute();
  }

  /** Enabled devices the deadman last announced offline (the `lifeline_devices_offline` gauge). */
  async offlineCount(): Promise<number> {
    const row = await this.db
      .selectFrom('device_status as s')
      .innerJoin('devices as d', 'd.id', 's.device_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.offline', '=', true)
      .where('d.enabled', '=', true)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
