import { Injectable } from '@nestjs/common';
import { isSuppressed } from '#domain';
import type { Db } from '#postgres';
import { scopeOf, toAssetContext } from './asset-context.js';
import { ContextRepository } from './context.repository.js';
import { toMaintenanceWindow } from './maintenance-windows.js';

/**
 * Whether a change of an alarm on `assetId` happens inside a maintenance window (maintenance.ts), for
 * the API and the schedulers; the engine checks against its in-memory copy of the windows instead.
 */
@Injectable()
export class Suppression {
  constructor(private readonly context: ContextRepository) {}

  async at(db: Db, assetId: string, now: number): Promise<boolean> {
    const windows = (await this.context.windows(db)).map(toMaintenanceWindow);
    if (windows.length === 0) return false;
    const [row] = await this.context.assets([assetId], db);
    const asset = row ? toAssetContext(row) : null;
    return asset !== null && isSuppressed(scopeOf(asset), windows, now);
  }
}
