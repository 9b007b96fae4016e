import { Injectable } from '@nestjs/common';
import type { Insertable } from 'kysely';
import type { RiskLevel } from '#contracts';
import type { RiskState } from '#domain';
import type { AssetRiskTable, Db, RiskHistoryTable } from '#postgres';
import { InjectDb } from '../database/database.module.js';
import type { RiskExplanation } from './risk-explanation.js';

/** A stored `asset_risk` row, typed. */
export interface StoredRisk {
  assetId: string;
  level: RiskLevel;
  verified: boolean;
  score: number;
  likelihood: number;
  severity: number;
  staticLevel: RiskLevel;
  explanation: RiskExplanation;
  state: RiskState;
  rulesetVersion: string;
  since: Date;
  updatedAt: Date;
}

/** What the evaluator needs of a stored row: the hysteresis state, and the fingerprint to skip no-op writes. */
export interface CurrentRisk {
  assetId: string;
  state: RiskState;
  fingerprint: string;
}

export type AssetRiskRow = Insertable<AssetRiskTable>;
export type RiskHistoryRow = Insertable<RiskHistoryTable>;

type SelectedRow = {
  asset_id: string;
  level: string;
  verified: boolean;
  score: number;
  likelihood: number;
  severity: number;
  static_level: string;
  explanation: unknown;
  state: unknown;
  ruleset_version: string;
  since: Date;
  updated_at: Date;
};

export function toStoredRisk(r: SelectedRow): StoredRisk {
  return {
    assetId: r.asset_id,
    level: r.level as RiskLevel,
    verified: r.verified,
    score: r.score,
    likelihood: r.likelihood,
    severity: r.severity,
    staticLevel: r.static_level as RiskLevel,
    explanation: r.explanation as RiskExplanation,
    state: r.state as RiskState,
    rulesetVersion: r.ruleset_version,
    since: r.since,
    updatedAt: r.updated_at,
  };
}

const toCurrent = (r: { asset_id: string; state: unknown; fingerprint: string }): CurrentRisk => ({
  assetId: r.asset_id,
  state: r.state as RiskState,
  fingerprint: r.fingerprint,
});

/** `asset_risk` and `risk_history`, as the evaluator writes them. */
@Injectable()
export class AssetRiskRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The stored states of `ids`, without locks. */
  async current(ids: readonly string[], db: Db = this.db): Promise<Map<string, CurrentRisk>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('asset_risk')
      .select(['asset_id', 'state', 'fingerprint'])
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
    return new Map(rows.map((r) => [r.asset_id, toCurrent(r)]));
  }

  /**
   * Locks the stored rows of `ids` for this transaction, in id order (so two evaluators never deadlock).
   * `skipLocked` leaves out rows another evaluator holds: a sweep skips what someone else is assessing.
   */
  async lock(trx: Db, ids: readonly string[], skipLocked: boolean): Promise<Map<string, CurrentRisk>> {
    if (ids.length === 0) return new Map();
    const q = trx
      .selectFrom('asset_risk')
      .select(['asset_id', 'state', 'fingerprint'])
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .orderBy('asset_id')
      .forUpdate();
    const rows = await (skipLocked ? q.skipLocked() : q).execute();
    return new Map(rows.map((r) => [r.asset_id, toCurrent(r)]));
  }

  /** Ids among `ids` that have a row, locked or not. */
  async existing(trx: Db, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await trx
      .selectFrom('asset_risk')
      .select('asset_id')
      .where('asset_id', '=', (eb) => eb.fn.any(eb.val([...ids])))
      .execute();
    return new Set(rows.map((r) => r.asset_id));
  }

  /** First assessments; a row another evaluator inserted meanwhile wins. Returns the ids written. */
  async insertNew(trx: Db, rows: readonly AssetRiskRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = await trx
      .insertInto('asset_risk')
      .values([...rows])
      .onConflict((oc) => oc.column('asset_id').doNothing())
      .returning('asset_id')
      .execute();
    return new Set(written.map((r) => r.asset_id));
  }

  /** Replaces rows this transaction has locked. */
  async replace(trx: Db, rows: readonly AssetRiskRow[]): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('asset_risk')
      .values([...rows])
      .onConflict((oc) =>
        oc.column('asset_id').doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          verified: eb.ref('excluded.verified'),
          score: eb.ref('excluded.score'),
          likelihood: eb.ref('excluded.likelihood'),
          severity: eb.ref('excluded.severity'),
          static_level: eb.ref('excluded.static_level'),
          explanation: eb.ref('excluded.explanation'),
          state: eb.ref('excluded.state'),
          ruleset_version: eb.ref('excluded.ruleset_version'),
          fingerprint: eb.ref('excluded.fingerprint'),
          since: eb.ref('excluded.since'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async appendHistory(trx: Db, rows: readonly RiskHistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('risk_history')
      .values([...rows])
      .execute();
  }

  /** Assets per stored level (the `lifeline_risk_assets` gauge). */
  async countByLevel(): Promise<{ level: string; verified: boolean; count: number }[]> {
    const rows = await this.db
      .selectFrom('asset_risk')
      .select(['level', 'verified'])
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .groupBy(['level', 'verified'])
      .execute();
    return rows.map((r) => ({ level: r.level, verified: r.verified, count: Number(r.count) }));
  }
}
