import { Injectable } from '@nestjs/common';
import type { MaintenanceWindow } from '#domain';
import { ContextRepository } from '../core/context.repository.js';
import { toMaintenanceWindow } from '../core/maintenance-windows.js';

/** Safety net behind `maintenance_changed` (a notification is lost while the listener reconnects). */
const MAX_AGE_MS = 30_000;

/** The maintenance windows not cancelled, held in memory for the suppression check of each alarm change. */
@Injectable()
export class MaintenanceCache {
  private windows: MaintenanceWindow[] = [];
  private loadedAt: number | null = null;

  constructor(private readonly repo: ContextRepository) {}

  /** Reloads when invalidated or older than MAX_AGE_MS. */
  async ensureFresh(now: number): Promise<void> {
    if (this.loadedAt !== null && now - this.loadedAt < MAX_AGE_MS) return;
    const rows = await this.repo.windows();
    this.windows = rows.map(toMaintenanceWindow);
    this.loadedAt = now;
  }

  current(): readonly MaintenanceWindow[] {
    return this.windows;
  }

  invalidate(): void {
    this.loadedAt = null;
  }
}
