import { Injectable } from '@nestjs/common';
import type { Insertable } from 'kysely';
import type { Db, DeviceEventTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export type NewDeviceEvent = Insertable<DeviceEventTable>;

export interface InsertedEvent {
  id: string;
  device_id: string;
  type: string;
  occurred_at: Date;
}

/** device_events (migration 0002-device-events). */
@Injectable()
export class DeviceEventsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Inserts the batch; a redelivered event (same device, type and time) is skipped. Returns the new rows. */
  async insertNew(rows: readonly NewDeviceEvent[]): Promise<InsertedEvent[]> {
    if (rows.length === 0) return [];
    return this.db
      .insertInto('device_events')
      .values([...rows])
      .onConflict((oc) => oc.constraint('device_events_once').doNothing())
      .returning(['id', 'device_id', 'type', 'occurred_at'])
      .execute();
  }
}
