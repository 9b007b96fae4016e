import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RiskEventData } from '#contracts';
import type { Db } from '#postgres';
import { AppConfig } from '../config/app-config.js';
import { EventsService, type NewPlatformEvent } from '../events/events.service.js';
import {
  AssetRiskRepository,
  type AssetRiskRow,
  type CurrentRisk,
  type RiskHistoryRow,
} from './asset-risk.repository.js';
import type { AssetAssessment } from './risk-assessor.js';
import { topReasons } from './risk-reasons.js';

/** What one save wrote: the level/verified changes, and first assessments another evaluator beat us to. */
export interface SaveResult {
  changes: RiskChange[];
  /** Rows inserted or replaced (an unchanged assessment is not rewritten). */
  written: number;
  /** Assets whose first assessment another evaluator inserted meanwhile: assess them again, now locked. */
  lost: string[];
}

/** What one write did to an asset's level, for logs, metrics and tests. */
export interface RiskChange {
  assetId: string;
  from: string | null;
  to: string;
  verified: boolean;
  reason: string;
}

const rulesetOf = (a: AssetAssessment): string =>
  `${a.staticRisk.rulesetVersion}+${a.dynamic.rulesetVersion}`;

const fingerprints = new WeakMap<AssetAssessment, string>();

/**
 * sha-256 of what a row stores, minus timestamps and the transition's reason word (a `steady` decision
 * after an `upgrade` changes nothing but that word): equal fingerprints mean nothing to write. Both sides
 * of a comparison are hashes of freshly built assessments, whose key order is fixed by the code (and
 * jsonb census attributes come back in PostgreSQL's fixed key order), so plain JSON is canonical here.
 */
export function fingerprintOf(a: AssetAssessment): string {
  const cached = fingerprints.get(a);
  if (cached !== undefined) return cached;
  const { transition, ...explanation } = a.explanation;
  const { reason: _reason, ...decision } = transition;
  const content = {
    ruleset: rulesetOf(a),
    level: [a.staticRisk.level, a.dynamic.score, a.dynamic.likelihood, a.dynamic.severity],
    state: a.transition.state,
    explanation: { ...explanation, transition: decision },
  };
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  fingerprints.set(a, hash);
  return hash;
}

export function toRiskRow(a: AssetAssessment, now: number): AssetRiskRow {
  const { state } = a.transition;
  return {
    asset_id: a.asset.id,
    level: state.level,
    verified: state.verified,
    score: a.dynamic.score,
    likelihood: a.dynamic.likelihood,
    severity: a.dynamic.severity,
    static_level: a.staticRisk.level,
    explanation: JSON.stringify(a.explanation),
    state: JSON.stringify(state),
    ruleset_version: rulesetOf(a),
    fingerprint: fingerprintOf(a),
    since: new Date(state.since),
    updated_at: new Date(now),
  };
}

/** True when storing `a` would change nothing but timestamps. */
export const unchanged = (stored: CurrentRisk, a: AssetAssessment): boolean =>
  stored.fingerprint === fingerprintOf(a);

const levelOrVerifiedChanged = (a: AssetAssessment): boolean =>
  a.transition.changed || a.transition.verifiedChanged;

/**
 * Writes assessments: `asset_risk` when anything changed, and on a change of level or of `verified` a
 * `risk_history` row plus a `risk.level_changed` event, all in the caller's transaction
 * (ARCHITECTURE.md: state and the event recording it commit together).
 */
@Injectable()
export class RiskPersistence {
  constructor(
    private readonly risks: AssetRiskRepository,
    private readonly events: EventsService,
    private readonly config: AppConfig,
  ) {}

  /** `locked` are the stored rows this transaction holds; assets without one are first assessments. */
  async save(
    trx: Db,
    assessments: readonly AssetAssessment[],
    locked: ReadonlyMap<string, CurrentRisk>,
    ctx: { now: number; trigger: string },
  ): Promise<SaveResult> {
    const fresh = assessments.filter((a) => !locked.has(a.asset.id));
    const known = assessments.filter((a) => {
      const stored = locked.get(a.asset.id);
      return stored !== undefined && !unchanged(stored, a);
    });
    const inserted = await this.risks.insertNew(
      trx,
      fresh.map((a) => toRiskRow(a, ctx.now)),
    );
    await this.risks.replace(
      trx,
      known.map((a) => toRiskRow(a, ctx.now)),
    );
    const changed = [...fresh.filter((a) => inserted.has(a.asset.id)), ...known].filter(
      levelOrVerifiedChanged,
    );
    await this.risks.appendHistory(
      trx,
      changed.map((a) => this.historyRow(a, ctx)),
    );
    await this.events.append(
      trx,
      changed.map((a) => this.event(a, ctx.now)),
    );
    const changes = changed.map((a) => ({
      assetId: a.asset.id,
      from: a.transition.from,
      to: a.transition.to,
      verified: a.transition.state.verified,
      reason: a.transition.reason,
    }));
    return {
      changes,
      written: inserted.size + known.length,
      lost: fresh.filter((a) => !inserted.has(a.asset.id)).map((a) => a.asset.id),
    };
  }

  private historyRow(a: AssetAssessment, ctx: { now: number; trigger: string }): RiskHistoryRow {
    return {
      asset_id: a.asset.id,
      at: new Date(ctx.now),
      from_level: a.transition.from,
      to_level: a.transition.to,
      verified: a.transition.state.verified,
      score: a.dynamic.score,
      reason: a.transition.reason,
      explanation: JSON.stringify({ ...a.explanation, trigger: ctx.trigger }),
      ruleset_version: rulesetOf(a),
    };
  }

  private event(a: AssetAssessment, now: number): NewPlatformEvent {
    const { asset, transition } = a;
    const reasons = topReasons(a.explanation, transition.state.verified);
    return {
      type: 'risk.level_changed',
      at: new Date(now),
      assetId: asset.id,
      ownerUnitId: asset.ownerUnitId,
      domain: asset.domain,
      district: asset.district,
      data: {
        assetId: asset.id,
        domain: asset.domain,
        ownerUnitId: asset.ownerUnitId,
        from: transition.from,
        to: transition.to,
        verified: transition.state.verified,
        score: a.dynamic.score,
        reason: [transition.reason, ...reasons].join('; '),
        links: { self: `${this.config.http.publicUrl}/api/v1/assets/${encodeURIComponent(asset.id)}/risk` },
      } satisfies RiskEventData,
    };
  }
}
