import { Injectable } from '@nestjs/common';
import type { Insertable, Selectable } from 'kysely';
import type { AlarmEventTable, Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import type { AlarmRow } from './alarm-record.js';

export type AlarmEventRow = Selectable<AlarmEventTable>;

/** A notice held back by a maintenance window, with the alarm it belongs to. */
export interface HeldNoticeRow {
  event: AlarmEventRow;
  alarm: AlarmRow;
}

/** The per-alarm history (`alarm_events`): who did what, when, why; and the notices windows hold back. */
@Injectable()
export class AlarmEventsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async insert(trx: Db, rows: readonly Insertable<AlarmEventTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('alarm_events')
      .values([...rows])
      .execute();
  }

  /** Every event of an alarm, in sequence order. */
  async history(alarmId: string): Promise<AlarmEventRow[]> {
    return this.db
      .selectFrom('alarm_events')
      .selectAll()
      .where('alarm_id', '=', alarmId)
      .orderBy('sequence')
      .execute();
  }

  /** Held notices, oldest first, locked (SKIP LOCKED) so two dispatchers never release one twice. */
  async lockHeld(trx: Db, limit: number): Promise<HeldNoticeRow[]> {
    const events = await trx
      .selectFrom('alarm_events')
      .selectAll()
      .where('notice', '=', 'held')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (events.length === 0) return [];
    const alarms = await trx
      .selectFrom('alarms')
      .selectAll()
      .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(events.map((e) => e.alarm_id))])))
      .execute();
    const byId = new Map(alarms.map((a) => [a.id, a]));
    return events.flatMap((event) => {
      const alarm = byId.get(event.alarm_id);
      return alarm ? [{ event, alarm }] : [];
    });
  }

  async markNotices(trx: Db, ids: readonly string[], notice: 'released' | 'discarded'): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('alarm_events')
      .set({ notice })
      .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
  }
}
