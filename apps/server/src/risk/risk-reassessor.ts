import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';
import { AssetAssessments } from './asset-assessments.js';
import { AssetRiskRepository } from './asset-risk.repository.js';
import { Clock } from './clock.js';
import { RiskPersistence, unchanged, type RiskChange } from './risk-persistence.js';

export interface ReassessResult {
  /** Assets the model was run on. */
  assessed: number;
  /** Assets whose stored row was (re)written. */
  written: number;
  changes: RiskChange[];
}

const EMPTY: ReassessResult = { assessed: 0, written: 0, changes: [] };

const merge = (a: ReassessResult, b: ReassessResult): ReassessResult => ({
  assessed: a.assessed + b.assessed,
  written: a.written + b.written,
  changes: [...a.changes, ...b.changes],
});

/**
 * Load → assess → persist → emit, safe with several evaluator processes: each asset's `asset_risk` row is
 * locked (`SELECT … FOR UPDATE`, in id order) before its inputs are read, so two evaluators serialise per
 * asset and the second one sees the first one's result (and emits nothing twice). Sweeps skip rows
 * another evaluator holds (`SKIP LOCKED`); event-driven re-assessments wait for them, because the event
 * may be newer than what the other evaluator read.
 */
@Injectable()
export class RiskReassessor {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly risks: AssetRiskRepository,
    private readonly assessments: AssetAssessments,
    private readonly persistence: RiskPersistence,
    private readonly clock: Clock,
  ) {}

  /** Re-assesses `ids` now, under row locks, in one transaction. */
  async reassess(
    ids: readonly string[],
    trigger: string,
    mode: 'wait' | 'skip' = 'wait',
  ): Promise<ReassessResult> {
    const unique = [...new Set(ids)].sort();
    if (unique.length === 0) return EMPTY;
    const now = this.clock.now();
    const { result, lost } = await this.db.transaction().execute(async (trx) => {
      const locked = await this.risks.lock(trx, unique, mode === 'skip');
      const targets = mode === 'wait' ? unique : await this.lockedOrNew(trx, unique, locked);
      const assessed = await this.assessments.assess(trx, targets, locked, now);
      const saved = await this.persistence.save(trx, assessed, locked, { now, trigger });
      const result = { assessed: assessed.length, written: saved.written, changes: saved.changes };
      return { result, lost: saved.lost };
    });
    // A first assessment lost to another evaluator may have read older inputs than ours: redo it, locked.
    return lost.length > 0 && mode === 'wait' ? merge(result, await this.reassess(lost, trigger)) : result;
  }

  /** Re-assesses every asset, writing only those whose assessment changed; `chunk` assets at a time. */
  async sweep(trigger: string, chunk: number): Promise<ReassessResult> {
    const ids = await this.assessments.allAssetIds();
    let total = EMPTY;
    for (let i = 0; i < ids.length; i += chunk) {
      const part = ids.slice(i, i + chunk);
      const stale = await this.staleAmong(part);
      const done = await this.reassess(stale, trigger, 'skip');
      total = merge(total, { ...done, assessed: part.length });
    }
    return total;
  }

  /** Those of `ids` never assessed or whose stored assessment differs from a fresh one (read-only, no locks). */
  private async staleAmong(ids: readonly string[]): Promise<string[]> {
    const now = this.clock.now();
    const current = await this.risks.current(ids);
    const assessed = await this.assessments.assess(
      this.db,
      ids.filter((id) => current.has(id)),
      current,
      now,
    );
    const changed = assessed.filter((a) => !unchanged(current.get(a.asset.id)!, a)).map((a) => a.asset.id);
    return [...ids.filter((id) => !current.has(id)), ...changed];
  }

  /** Under SKIP LOCKED, a missing row is either new or held by another evaluator: keep only the new ones. */
  private async lockedOrNew(
    trx: Db,
    ids: readonly string[],
    locked: ReadonlyMap<string, unknown>,
  ): Promise<string[]> {
    const existing = await this.risks.existing(trx, ids);
    return ids.filter((id) => locked.has(id) || !existing.has(id));
  }
}
