import { Injectable } from '@nestjs/common';
import type { Insertable, Selectable } from 'kysely';
import type { Db, ExternalEventTable } from '#postgres';
import { InjectDb } from '../database/database.module.js';

export type ExternalEventRow = Selectable<ExternalEventTable>;

/** Excavation/subsidence reports and major events filed against assets (DOMAIN.md §b.2). */
@Injectable()
export class ExternalEventsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async insert(trx: Db, row: Insertable<ExternalEventTable>): Promise<ExternalEventRow> {
    return trx.insertInto('external_events').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** Newest first. */
  async ofAsset(assetId: string, limit: number): Promise<ExternalEventRow[]> {
    return this.db
      .selectFrom('external_events')
      .selectAll()
      .where('asset_id', '=', assetId)
      .orderBy('reported_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
