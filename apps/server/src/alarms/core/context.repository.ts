import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export interface AssetContextRow {
  id: string;
  domain: string;
  district: string;
  owner_unit_id: string;
  parent_id: string | null;
  attributes: Record<string, unknown>;
  /** Ancestors, root first. */
  ancestors: string[];
}

export interface WindowRow {
  id: string;
  name: string;
  scope: Record<string, unknown>;
  schedule: Record<string, unknown>;
  active_since: Date | null;
}

/**
 * Read-only look-ups of what surrounds an alarm: the asset tree of the registry (for maintenance-window
 * scopes and flood subtrees) and the maintenance windows in force.
 */
@Injectable()
export class ContextRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The assets with their ancestor chain (root first), walking parent_id with a depth cap against cycles. */
  async assets(ids: readonly string[], db: Db = this.db): Promise<AssetContextRow[]> {
    if (ids.length === 0) return [];
    const result = await sql<AssetContextRow>`
      WITH RECURSIVE chain(start_id, ancestor_id, depth) AS (
        SELECT a.id, a.parent_id, 1 FROM assets a
         WHERE a.id = ANY(${[...ids]}::text[]) AND a.parent_id IS NOT NULL
        UNION ALL
        SELECT c.start_id, p.parent_id, c.depth + 1
          FROM chain c JOIN assets p ON p.id = c.ancestor_id
         WHERE p.parent_id IS NOT NULL AND c.depth < 32
      )
      SELECT a.id, a.domain, a.district, a.owner_unit_id, a.parent_id, a.attributes,
             COALESCE((SELECT array_agg(c.ancestor_id ORDER BY c.depth DESC)
                         FROM chain c WHERE c.start_id = a.id), '{}') AS ancestors
        FROM assets a WHERE a.id = ANY(${[...ids]}::text[])`.execute(db);
    return result.rows;
  }

  /** Maintenance windows not cancelled. */
  async windows(db: Db = this.db): Promise<WindowRow[]> {
    return db
      .selectFrom('maintenance_windows')
      .select(['id', 'name', 'scope', 'schedule', 'active_since'])
      .where('cancelled_at', 'is', null)
      .execute();
  }
}
