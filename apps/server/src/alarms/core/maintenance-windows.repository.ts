import { Injectable } from '@nestjs/common';
import type { Selectable } from 'kysely';
import type { Db, MaintenanceWindowTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export type MaintenanceWindowRow = Selectable<MaintenanceWindowTable>;

export interface NewMaintenanceWindow {
  name: string;
  reason: string;
  scope: Record<string, unknown>;
  schedule: Record<string, unknown>;
  createdBy: string;
}

/** Stored maintenance windows (the domain's scope and schedule as JSON) and their activity marker. */
@Injectable()
export class MaintenanceWindowsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(includeCancelled: boolean): Promise<MaintenanceWindowRow[]> {
    let q = this.db.selectFrom('maintenance_windows').selectAll();
    if (!includeCancelled) q = q.where('cancelled_at', 'is', null);
    return q.orderBy('created_at', 'desc').orderBy('id').execute();
  }

  async get(id: string, db: Db = this.db, lock = false): Promise<MaintenanceWindowRow | undefined> {
    const q = db.selectFrom('maintenance_windows').selectAll().where('id', '=', id);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  }

  async insert(trx: Db, w: NewMaintenanceWindow): Promise<MaintenanceWindowRow> {
    return trx
      .insertInto('maintenance_windows')
      .values({
        name: w.name,
        reason: w.reason,
        scope: JSON.stringify(w.scope),
        schedule: JSON.stringify(w.schedule),
        created_by: w.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async cancel(trx: Db, id: string, by: string, at: Date): Promise<void> {
    await trx
      .updateTable('maintenance_windows')
      .set({ cancelled_at: at, cancelled_by: by })
      .where('id', '=', id)
      .execute();
  }

  /** Which of `ids` are registered assets (a window's asset scope must name real assets). */
  async existingAssets(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('assets')
      .select('id')
      .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async setActiveSince(trx: Db, id: string, since: Date | null): Promise<void> {
    await trx.updateTable('maintenance_windows').set({ active_since: since }).where('id', '=', id).execute();
  }

  /**
   * Windows whose activity may have changed (every one not cancelled, plus cancelled ones still marked
   * active), locked with SKIP LOCKED so two dispatchers never announce one start twice.
   */
  async lockForTick(trx: Db): Promise<MaintenanceWindowRow[]> {
    return trx
      .selectFrom('maintenance_windows')
      .selectAll()
      .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('active_since', 'is not', null)]))
      .orderBy('id')
      .forUpdate()
      .skipLocked()
      .execute();
  }
}
