import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AppConfig } from '../../config/app-config.js';
import { EventsService } from '../../events/events.service.js';
import { MaintenanceWindowsRepository, type MaintenanceWindowRow } from './maintenance-windows.repository.js';

/**
 * `maintenance.started` / `maintenance.ended` (CONTRACT.md §2 event names in libs/contracts), written with
 * the window's activity marker so each occurrence is announced once, whoever notices it (the API that
 * created or cancelled the window, or a dispatcher tick). Console events: no owner unit.
 */
@Injectable()
export class MaintenanceNotices {
  private readonly publicUrl: string;

  constructor(
    private readonly windows: MaintenanceWindowsRepository,
    private readonly events: EventsService,
    config: AppConfig,
  ) {
    this.publicUrl = config.http.publicUrl;
  }

  async started(
    trx: Db,
    row: MaintenanceWindowRow,
    occurrence: { start: number; end: number },
  ): Promise<void> {
    await this.windows.setActiveSince(trx, row.id, new Date(occurrence.start));
    await this.events.append(trx, [
      {
        type: 'maintenance.started',
        at: new Date(occurrence.start),
        data: this.data(row, { start: occurrence.start, end: occurrence.end }),
      },
    ]);
  }

  async ended(trx: Db, row: MaintenanceWindowRow, at: number, why: 'ended' | 'cancelled'): Promise<void> {
    await this.windows.setActiveSince(trx, row.id, null);
    await this.events.append(trx, [
      {
        type: 'maintenance.ended',
        at: new Date(at),
        data: { ...this.data(row, { start: row.active_since?.getTime() ?? at, end: at }), why },
      },
    ]);
  }

  private data(
    row: MaintenanceWindowRow,
    occurrence: { start: number; end: number },
  ): Record<string, unknown> {
    return {
      windowId: row.id,
      name: row.name,
      reason: row.reason,
      scope: row.scope,
      occurrence: {
        start: new Date(occurrence.start).toISOString(),
        end: new Date(occurrence.end).toISOString(),
      },
      links: { self: `${this.publicUrl}/api/v1/maintenance-windows/${row.id}` },
    };
  }
}
