import { Injectable } from '@nestjs/common';
import type { Insertable, Selectable } from 'kysely';
import type { AuditLogTable, Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Entries with a smaller id than this (keyset pagination, newest first). */
  beforeId?: number;
  limit: number;
}

/** Rows per INSERT: 9 columns × 5,000 stays well under PostgreSQL's 65,535 bind parameters. */
const INSERT_BATCH = 5000;

@Injectable()
export class AuditRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async insert(rows: Insertable<AuditLogTable>[], db: Db = this.db): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await db
        .insertInto('audit_log')
        .values(rows.slice(i, i + INSERT_BATCH))
        .execute();
    }
  }

  async find(filter: AuditFilter): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
    if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
    if (filter.actor) query = query.where('actor', '=', filter.actor);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.from) query = query.where('at', '>=', filter.from);
    if (filter.to) query = query.where('at', '<', filter.to);
    if (filter.beforeId !== undefined) query = query.where('id', '<', String(filter.beforeId));
    return query.orderBy('id', 'desc').limit(filter.limit).execute();
  }
}
