import { Injectable } from '@nestjs/common';
import { sql, type Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

/** One device's accumulated state change; null = leave the column as it is. */
export interface DeviceStateChange {
  id: string;
  online: boolean | null;
  lastSeenAt: Date | null;
  batteryPct: number | null;
  rssiDbm: number | null;
}

/** Devices per UPDATE; five array parameters whatever the count, so this only bounds statement size. */
const CHUNK = 10_000;

/** The health columns of `devices` that the ingest owns (online, last_seen_at, battery_pct, rssi_dbm). */
@Injectable()
export class DeviceStateRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** One `UPDATE … FROM unnest(…)` per chunk; last_seen_at only moves forward. */
  async apply(changes: readonly DeviceStateChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i += CHUNK) {
      const part = changes.slice(i, i + CHUNK);
      await sql`
        update devices d set
          online = coalesce(v.online, d.online),
          last_seen_at = greatest(d.last_seen_at, v.last_seen_at),
          battery_pct = coalesce(v.battery_pct, d.battery_pct),
          rssi_dbm = coalesce(v.rssi_dbm, d.rssi_dbm)
        from unnest(
          ${part.map((c) => c.id)}::text[],
          ${part.map((c) => c.online)}::boolean[],
          ${part.map((c) => c.lastSeenAt?.toISOString() ?? null)}::timestamptz[],
          ${part.map((c) => c.batteryPct)}::float8[],
          ${part.map((c) => c.rssiDbm)}::float8[]
        ) as v(id, online, last_seen_at, battery_pct, rssi_dbm)
        where d.id = v.id`.execute(this.db);
    }
  }
}
