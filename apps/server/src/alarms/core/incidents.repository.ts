import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { Db, IncidentTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export type IncidentRow = Selectable<IncidentTable>;

/** Flood incidents: one open incident per asset-subtree root (partial unique index). */
@Injectable()
export class IncidentsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async findOpenForUpdate(trx: Db, rootAssetId: string): Promise<IncidentRow | undefined> {
    return trx
      .selectFrom('incidents')
      .selectAll()
      .where('root_asset_id', '=', rootAssetId)
      .where('closed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
  }

  /** Opens an incident unless the root has one (another replica's); undefined then. */
  async open(trx: Db, rootAssetId: string, level: string, at: Date): Promise<IncidentRow | undefined> {
    return trx
      .insertInto('incidents')
      .values({ root_asset_id: rootAssetId, level, alarm_count: 0, opened_at: at, updated_at: at })
      .onConflict((oc) => oc.column('root_asset_id').where('closed_at', 'is', null).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  /** Recounts the incident's alarms and stores its level; returns the new count. */
  async refresh(trx: Db, id: string, level: string, at: Date): Promise<number> {
    const row = await trx
      .updateTable('incidents')
      .set((eb) => ({
        level,
        updated_at: at,
        alarm_count: eb
          .selectFrom('alarms')
          .select((s) => s.fn.countAll<number>().as('n'))
          .where('incident_id', '=', id),
      }))
      .where('id', '=', id)
      .returning('alarm_count')
      .executeTakeFirstOrThrow();
    return Number(row.alarm_count);
  }

  /** Closes incidents with no new alarm for `quietMs` (the flood is over). */
  async closeQuiet(now: Date, quietMs: number, db: Db = this.db): Promise<number> {
    const result = await db
      .updateTable('incidents')
      .set({ closed_at: now })
      .where('closed_at', 'is', null)
      .where('updated_at', '<', new Date(now.getTime() - quietMs))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
