import { Injectable } from '@nestjs/common';
import type { Insertable } from 'kysely';
import type { AlarmTable, Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import type { AlarmRow } from './alarm-record.js';

export type DueColumn = 'escalation_due_at' | 'close_due_at';

/** States that end an alarm; the partial unique index allows one alarm per (asset, rule) outside them. */
export const CLOSED_STATES = ['closed', 'dismissed'] as const;

/** Writes and point reads of `alarms`; every write takes the caller's transaction. */
@Injectable()
export class AlarmsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The open alarm of (asset, rule), row-locked for a read-modify-write in `trx`. */
  async findOpenForUpdate(trx: Db, assetId: string, ruleId: string): Promise<AlarmRow | undefined> {
    return trx
      .selectFrom('alarms')
      .selectAll()
      .where('asset_id', '=', assetId)
      .where('rule_id', '=', ruleId)
      .where('state', 'not in', CLOSED_STATES)
      .forUpdate()
      .executeTakeFirst();
  }

  /** One alarm; `ownerUnitId` confines it to a unit (a utility's scope), `lock` row-locks it in `db`. */
  async findById(
    id: string,
    options: { ownerUnitId?: string; lock?: boolean; db?: Db } = {},
  ): Promise<AlarmRow | undefined> {
    if (!isUuid(id)) return undefined;
    let q = (options.db ?? this.db).selectFrom('alarms').selectAll().where('id', '=', id);
    if (options.ownerUnitId !== undefined) q = q.where('owner_unit_id', '=', options.ownerUnitId);
    return (options.lock ? q.forUpdate() : q).executeTakeFirst();
  }

  /**
   * Inserts a new open alarm unless (asset, rule) already has one. ON CONFLICT on the partial index waits
   * for a concurrent inserter (another engine replica) to commit, so `false` means its alarm is now
   * visible to a fresh read in the same transaction: the caller folds its change into that alarm.
   */
  async insertOpen(trx: Db, row: Insertable<AlarmTable>): Promise<boolean> {
    const inserted = await trx
      .insertInto('alarms')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'rule_id']).where('state', 'not in', CLOSED_STATES).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Optimistic update: applies only when the stored sequence is still `expectedSequence`. */
  async update(
    trx: Db,
    expectedSequence: number,
    row: Insertable<AlarmTable> & { id: string },
  ): Promise<boolean> {
    const { id, ...changes } = row;
    const result = await trx
      .updateTable('alarms')
      .set(changes)
      .where('id', '=', id)
      .where('sequence', '=', expectedSequence)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The most recent earlier occurrence of (asset, rule), linked from a re-fire (PEERS.md §5.C item 12). */
  async previousAlarmId(trx: Db, assetId: string, ruleId: string): Promise<string | null> {
    const row = await trx
      .selectFrom('alarms')
      .select('id')
      .where('asset_id', '=', assetId)
      .where('rule_id', '=', ruleId)
      .orderBy('raised_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Links alarms to the flood incident that groups them (only those not yet linked). */
  async linkIncident(trx: Db, alarmIds: readonly string[], incidentId: string): Promise<void> {
    if (alarmIds.length === 0) return;
    await trx
      .updateTable('alarms')
      .set({ incident_id: incidentId })
      .where('id', '=', (eb) => eb.fn.any(eb.val([...alarmIds])))
      .where('incident_id', 'is', null)
      .execute();
  }

  /** Alarms raised since `since` (flood grouping looks at one flood window). */
  async raisedSince(
    trx: Db,
    since: Date,
    limit: number,
  ): Promise<{ id: string; asset_id: string; raised_at: Date; level: string }[]> {
    return trx
      .selectFrom('alarms')
      .select(['id', 'asset_id', 'raised_at', 'level'])
      .where('raised_at', '>=', since)
      .orderBy('raised_at', 'desc')
      .limit(limit)
      .execute();
  }

  /** Ids of alarms whose `column` time has come (the scheduler then locks them one by one). */
  async dueIds(column: DueColumn, now: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('alarms')
      .select('id')
      .where(column, '<=', now)
      .where('state', 'not in', CLOSED_STATES)
      .orderBy(column)
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * The alarm, row-locked, if it is still due. SKIP LOCKED: with several dispatcher processes, the one
   * that holds the row acts and the others pass; after it commits the due time has moved on.
   */
  async lockIfDue(trx: Db, id: string, column: DueColumn, now: Date): Promise<AlarmRow | undefined> {
    return trx
      .selectFrom('alarms')
      .selectAll()
      .where('id', '=', id)
      .where(column, '<=', now)
      .where('state', 'not in', CLOSED_STATES)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
  }

  /** Stores due times recomputed without a change (e.g. a stage that turned out not to be overdue). */
  async setDue(trx: Db, id: string, due: Pick<AlarmRow, DueColumn | 'overdue_at'>): Promise<void> {
    await trx.updateTable('alarms').set(due).where('id', '=', id).execute();
  }

  /**
   * The asset's current risk level for the `riskLevel` field of alarm events (CONTRACT.md §2). Read-only
   * look-up of the risk service's table; null before the asset was first graded.
   */
  async riskLevelOf(trx: Db, assetId: string): Promise<string | null> {
    const row = await trx
      .selectFrom('asset_risk')
      .select('level')
      .where('asset_id', '=', assetId)
      .executeTakeFirst();
    return row?.level ?? null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot exist (and must not reach a uuid cast in SQL). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
