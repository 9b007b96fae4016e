import { Injectable } from '@nestjs/common';
import { sql, type Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export interface RejectionRow {
  device_id: string;
  received_at: Date;
  code: string;
  message: string;
  topic: string;
  seq: number | null;
}

export interface RejectionCountDelta {
  device_id: string;
  code: string;
  count: number;
  last_at: Date;
}

/** Rows per INSERT: 6 columns × 2,000 stays far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 2000;

/** device_rejections (the recent list, trimmed) and device_rejection_counts (running totals). */
@Injectable()
export class RejectionsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async insert(rows: readonly RejectionRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('device_rejections')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
  }

  /** Adds the deltas to the running totals, one statement per chunk. */
  async addCounts(deltas: readonly RejectionCountDelta[]): Promise<void> {
    for (let i = 0; i < deltas.length; i += CHUNK) {
      await this.db
        .insertInto('device_rejection_counts')
        .values(deltas.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['device_id', 'code']).doUpdateSet({
            count: sql`device_rejection_counts.count + excluded.count`,
            last_at: sql`greatest(device_rejection_counts.last_at, excluded.last_at)`,
          }),
        )
        .execute();
    }
  }

  /** Keeps the newest `keep` rejections of each of `deviceIds`. */
  async trim(deviceIds: readonly string[], keep: number): Promise<number> {
    if (deviceIds.length === 0) return 0;
    const result = await sql`
      delete from device_rejections d
      using (
        select id from (
          select id, row_number() over (partition by device_id order by received_at desc, id desc) as rn
          from device_rejections where device_id = any(${[...deviceIds]}::text[])
        ) ranked where rn > ${keep}
      ) old
      where d.id = old.id`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async recent(deviceId: string, limit: number): Promise<RejectionRow[]> {
    return this.db
      .selectFrom('device_rejections')
      .select(['device_id', 'received_at', 'code', 'message', 'topic', 'seq'])
      .where('device_id', '=', deviceId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async counts(deviceId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('device_rejection_counts')
      .select(['code', 'count'])
      .where('device_id', '=', deviceId)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.code, Number(r.count)]));
  }

  /** The owner unit of a device (through its asset), or undefined when there is no such device. */
  async ownerOf(deviceId: string): Promise<{ ownerUnitId: string } | undefined> {
    const row = await this.db
      .selectFrom('devices as d')
      .innerJoin('assets as a', 'a.id', 'd.asset_id')
      .select('a.owner_unit_id')
      .where('d.id', '=', deviceId)
      .executeTakeFirst();
    return row && { ownerUnitId: row.owner_unit_id };
  }
}
