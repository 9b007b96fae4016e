import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

/** A device row joined with what the ingest needs from its asset. */
export interface DeviceDirectoryRow {
  id: string;
  domain: string;
  metrics: string[];
  ranges: Record<string, { min: number; max: number }>;
  enabled: boolean;
  secret_hash: string | null;
  asset_id: string;
  district: string;
  owner_unit_id: string;
}

/** Reads of the registry's devices table for the ingest's in-memory directory (never on the message path). */
@Injectable()
export class DeviceDirectoryRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  private select() {
    return this.db
      .selectFrom('devices as d')
      .innerJoin('assets as a', 'a.id', 'd.asset_id')
      .select([
        'd.id',
        'd.domain',
        'd.metrics',
        'd.ranges',
        'd.enabled',
        'd.secret_hash',
        'd.asset_id',
        'a.district',
        'a.owner_unit_id',
      ]);
  }

  async all(): Promise<DeviceDirectoryRow[]> {
    return this.select().execute();
  }

  async byIds(ids: readonly string[]): Promise<DeviceDirectoryRow[]> {
    if (ids.length === 0) return [];
    return this.select()
      .where('d.id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
  }

  async byAssets(assetIds: readonly string[]): Promise<DeviceDirectoryRow[]> {
    if (assetIds.length === 0) return [];
    return this.select()
      .where('d.asset_id', '=', (eb) => eb.fn.any(eb.val([...assetIds])))
      .execute();
  }
}
