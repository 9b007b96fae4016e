import { Injectable } from '@nestjs/common';
import { activeOccurrence } from '#domain';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { MaintenanceNotices } from '../core/maintenance-notices.js';
import { toMaintenanceWindow } from '../core/maintenance-windows.js';
import { MaintenanceWindowsRepository } from '../core/maintenance-windows.repository.js';
import { NoticeReleaser } from './notice-releaser.js';

/**
 * Maintenance windows over time: announces each occurrence's start and end once (the window rows are
 * locked with SKIP LOCKED, and `active_since` records what was announced), then releases the notices
 * the ended windows held back.
 */
@Injectable()
export class MaintenanceScheduler {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly windows: MaintenanceWindowsRepository,
    private readonly notices: MaintenanceNotices,
    private readonly releaser: NoticeReleaser,
  ) {}

  async tick(now: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const row of await this.windows.lockForTick(trx)) {
        const occurrence = row.cancelled_at === null ? activeOccurrence(toMaintenanceWindow(row), now) : null;
        const announced = row.active_since?.getTime() ?? null;
        if (announced !== null && announced !== occurrence?.start)
          await this.notices.ended(trx, row, now, row.cancelled_at === null ? 'ended' : 'cancelled');
        if (occurrence && announced !== occurrence.start) await this.notices.started(trx, row, occurrence);
      }
    });
    await this.releaser.release(now);
  }
}
