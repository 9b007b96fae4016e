import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { AppException } from '../../errors/app.exception.js';
import type { AlarmRow } from '../core/alarm-record.js';
import { CLOSED_STATES } from '../core/alarms.repository.js';

export interface AlarmFilter {
  state?: string;
  level?: string;
  domain?: string;
  district?: string;
  assetId?: string;
  ownerUnitId?: string;
  open?: boolean;
  /** Only alarms with a pending SLA stage due before this time. */
  overdueAt?: Date;
}

/** Position in the "level (highest first), then age (oldest first)" order. */
export interface AlarmCursor {
  rank: number;
  raisedAt: Date;
  id: string;
}

export function encodeCursor(row: Pick<AlarmRow, 'level_rank' | 'raised_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.level_rank, row.raised_at.toISOString(), row.id])).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): AlarmCursor {
  try {
    const [rank, raisedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      number,
      string,
      string,
    ];
    const at = new Date(raisedAt);
    if (!Number.isInteger(rank) || Number.isNaN(at.getTime()) || typeof id !== 'string') throw new Error();
    return { rank, raisedAt: at, id };
  } catch {
    throw new AppException('VALIDATION_FAILED', 'cursor is not one this API handed out', {
      errors: [{ field: 'cursor', message: 'use the nextCursor of the previous page' }],
    });
  }
}

/** The alarm list: filters plus keyset paging on (level_rank desc, raised_at, id). */
@Injectable()
export class AlarmListRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(filter: AlarmFilter, limit: number, after?: AlarmCursor): Promise<AlarmRow[]> {
    let q = this.db.selectFrom('alarms').selectAll();
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.level) q = q.where('level', '=', filter.level);
    if (filter.domain) q = q.where('domain', '=', filter.domain);
    if (filter.district) q = q.where('district', '=', filter.district);
    if (filter.assetId) q = q.where('asset_id', '=', filter.assetId);
    if (filter.ownerUnitId) q = q.where('owner_unit_id', '=', filter.ownerUnitId);
    if (filter.open) q = q.where('state', 'not in', CLOSED_STATES);
    if (filter.overdueAt) q = q.where('overdue_at', '<', filter.overdueAt);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('level_rank', '<', after.rank),
          eb.and([eb('level_rank', '=', after.rank), eb('raised_at', '>', after.raisedAt)]),
          eb.and([
            eb('level_rank', '=', after.rank),
            eb('raised_at', '=', after.raisedAt),
            eb('id', '>', after.id),
          ]),
        ]),
      );
    }
    return q.orderBy('level_rank', 'desc').orderBy('raised_at').orderBy('id').limit(limit).execute();
  }
}
