import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { RiskLevel } from '#contracts';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';
import { toStoredRisk, type StoredRisk } from './asset-risk.repository.js';
import type { RiskExplanation } from './risk-explanation.js';

export interface RiskAssetRow {
  id: string;
  name: string;
  domain: string;
  kind: string;
  district: string;
  ownerUnitId: string;
}

export interface RiskListFilter {
  domain?: string;
  district?: string;
  levels?: RiskLevel[];
  ownerUnitId?: string;
  verified?: boolean;
}

/** One line of the risk list: the asset and its stored risk. */
export interface RiskListRecord extends RiskAssetRow {
  ownerUnitName: string;
  risk: StoredRisk;
}

/** Keyset position in the list order (level rank, −score, asset id); see `listPage`. */
export interface RiskListPosition {
  rank: number;
  negScore: number;
  id: string;
}

export interface RiskHistoryRecord {
  id: string;
  at: Date;
  from: RiskLevel | null;
  to: RiskLevel;
  verified: boolean;
  score: number;
  reason: string;
  explanation: RiskExplanation & { trigger?: string };
  rulesetVersion: string;
}

// Highest level first (RISK_LEVELS order), then the highest score: the order a 风险清单 is read in.
const LEVEL_ORDER = sql<number>`CASE r.level WHEN 'major' THEN 0 WHEN 'larger' THEN 1 WHEN 'general' THEN 2 ELSE 3 END`;

/** The list position of a record, for the next page's cursor. */
export function positionOf(record: RiskListRecord): RiskListPosition {
  const rank = ['major', 'larger', 'general', 'low'].indexOf(record.risk.level);
  return { rank: rank < 0 ? 3 : rank, negScore: -record.risk.score, id: record.id };
}

/** Read side of the risk API and the reports. */
@Injectable()
export class RiskReadRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async asset(id: string): Promise<RiskAssetRow | undefined> {
    return this.db
      .selectFrom('assets')
      .select(['id', 'name', 'domain', 'kind', 'district', 'owner_unit_id as ownerUnitId'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async risk(assetId: string): Promise<StoredRisk | undefined> {
    const row = await this.db
      .selectFrom('asset_risk')
      .selectAll()
      .where('asset_id', '=', assetId)
      .executeTakeFirst();
    return row ? toStoredRisk(row) : undefined;
  }

  /** Newest first; `beforeId` continues after the last row of the previous page. */
  async history(assetId: string, limit: number, beforeId?: string): Promise<RiskHistoryRecord[]> {
    let q = this.db.selectFrom('risk_history').selectAll().where('asset_id', '=', assetId);
    if (beforeId !== undefined) q = q.where('id', '<', beforeId);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      from: r.from_level as RiskLevel | null,
      to: r.to_level as RiskLevel,
      verified: r.verified,
      score: r.score,
      reason: r.reason,
      explanation: r.explanation as unknown as RiskHistoryRecord['explanation'],
      rulesetVersion: r.ruleset_version,
    }));
  }

  /** Graded assets matching the filter in list order; `after`/`limit` page through it. */
  async list(
    filter: RiskListFilter,
    page: { after?: RiskListPosition; limit?: number; offset?: number } = {},
  ): Promise<RiskListRecord[]> {
    let q = this.db
      .selectFrom('assets as a')
      .innerJoin('owner_units as o', 'o.id', 'a.owner_unit_id')
      .innerJoin('asset_risk as r', 'r.asset_id', 'a.id')
      .select(['a.id', 'a.name', 'a.domain', 'a.kind', 'a.district', 'a.owner_unit_id as ownerUnitId'])
      .select('o.name as ownerUnitName')
      .select([
        'r.asset_id',
        'r.level',
        'r.verified',
        'r.score',
        'r.likelihood',
        'r.severity',
        'r.static_level',
      ])
      .select(['r.explanation', 'r.state', 'r.ruleset_version', 'r.since', 'r.updated_at']);
    if (filter.domain) q = q.where('a.domain', '=', filter.domain);
    if (filter.district) q = q.where('a.district', '=', filter.district);
    if (filter.ownerUnitId) q = q.where('a.owner_unit_id', '=', filter.ownerUnitId);
    if (filter.levels?.length) q = q.where('r.level', 'in', filter.levels);
    if (filter.verified !== undefined) q = q.where('r.verified', '=', filter.verified);
    const { after } = page;
    if (after)
      q = q.where(
        sql<boolean>`(${LEVEL_ORDER}, -r.score, a.id) > (${after.rank}, ${after.negScore}, ${after.id})`,
      );
    q = q.orderBy(LEVEL_ORDER).orderBy('r.score', 'desc').orderBy('a.id');
    if (page.offset) q = q.offset(page.offset);
    if (page.limit !== undefined) q = q.limit(page.limit);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      domain: r.domain,
      kind: r.kind,
      district: r.district,
      ownerUnitId: r.ownerUnitId,
      ownerUnitName: r.ownerUnitName,
      risk: toStoredRisk(r),
    }));
  }
}
