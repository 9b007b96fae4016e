import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

/** Resolves what a change touches: which assets to re-assess for a device or a confined-space asset. */
@Injectable()
export class RiskTriggerRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** `ids` plus the parent of each of them that is a confined space (its sensors count for the parent). */
  async withConfinedParents(ids: readonly string[], confinedKinds: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('assets')
      .select('parent_id')
      .where('id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .where('kind', '=', (eb) => eb.fn.any(eb.val([...confinedKinds])))
      .where('parent_id', 'is not', null)
      .execute();
    return [...new Set([...ids, ...rows.map((r) => r.parent_id as string)])];
  }

  /** The assets the devices are bound to. */
  async assetsOfDevices(deviceIds: readonly string[]): Promise<string[]> {
    if (deviceIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('devices')
      .select('asset_id')
      .distinct()
      .where('id', '=', (eb) => eb.fn.any(eb.val([...deviceIds])))
      .execute();
    return rows.map((r) => r.asset_id);
  }
}
