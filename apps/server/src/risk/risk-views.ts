import type { Domain, RiskLevel } from '#contracts';
import { LEVEL_COLOURS, LEVEL_LABELS_ZH, type LevelColour } from '#domain';
import type { StoredRisk } from './asset-risk.repository.js';
import type { RiskExplanation } from './risk-explanation.js';
import type { RiskAssetRow, RiskHistoryRecord, RiskListRecord } from './risk-read.repository.js';
import { topReasons } from './risk-reasons.js';

/** zh-CN names of the domains for the risk list and the report (CONTRACT.md §1 domains). */
export const DOMAIN_LABELS_ZH: Readonly<Record<Domain, string>> = {
  gas: '燃气',
  heating: '供热',
  water: '供水',
  drainage: '排水',
  bridge: '桥梁',
  tunnel: '综合管廊',
};

export const domainLabel = (domain: string): string => DOMAIN_LABELS_ZH[domain as Domain] ?? domain;

/** `GET /assets/{id}/risk`: the stored level, its label and colour, and the full explanation. */
export interface AssetRiskView {
  assetId: string;
  name: string;
  domain: string;
  kind: string;
  district: string;
  ownerUnitId: string;
  level: RiskLevel;
  colour: LevelColour;
  /** 重大 / 较大 / 一般 / 低 */
  label: string;
  verified: boolean;
  score: number;
  likelihood: number;
  severity: number;
  staticLevel: RiskLevel;
  since: string;
  /** When the stored assessment last changed (it is re-checked every minute and on every input change). */
  assessedAt: string;
  rulesetVersion: string;
  reasons: string[];
  explanation: RiskExplanation;
}

export interface RiskChangeView {
  id: string;
  at: string;
  from: RiskLevel | null;
  to: RiskLevel;
  toLabel: string;
  verified: boolean;
  score: number;
  /** The hysteresis decision: initial, upgrade, downgrade, unverified, reverified. */
  reason: string;
  trigger: string | null;
  reasons: string[];
  rulesetVersion: string;
  explanation: RiskExplanation;
}

/** One line of the risk list 风险清单. */
export interface RiskListItem {
  assetId: string;
  name: string;
  domain: string;
  domainLabel: string;
  kind: string;
  district: string;
  ownerUnitId: string;
  ownerUnitName: string;
  level: RiskLevel;
  levelLabel: string;
  colour: LevelColour;
  score: number;
  likelihood: number;
  severity: number;
  verified: boolean;
  since: string;
  reasons: string[];
  /** The reasons as one line. */
  reason: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function toAssetRiskView(asset: RiskAssetRow, risk: StoredRisk): AssetRiskView {
  return {
    assetId: asset.id,
    name: asset.name,
    domain: asset.domain,
    kind: asset.kind,
    district: asset.district,
    ownerUnitId: asset.ownerUnitId,
    level: risk.level,
    colour: LEVEL_COLOURS[risk.level],
    label: LEVEL_LABELS_ZH[risk.level],
    verified: risk.verified,
    score: risk.score,
    likelihood: risk.likelihood,
    severity: risk.severity,
    staticLevel: risk.staticLevel,
    since: risk.since.toISOString(),
    assessedAt: risk.updatedAt.toISOString(),
    rulesetVersion: risk.rulesetVersion,
    reasons: topReasons(risk.explanation, risk.verified, 6),
    explanation: risk.explanation,
  };
}

export function toRiskChangeView(h: RiskHistoryRecord): RiskChangeView {
  const { trigger, ...explanation } = h.explanation;
  return {
    id: h.id,
    at: h.at.toISOString(),
    from: h.from,
    to: h.to,
    toLabel: LEVEL_LABELS_ZH[h.to],
    verified: h.verified,
    score: h.score,
    reason: h.reason,
    trigger: trigger ?? null,
    reasons: topReasons(explanation, h.verified),
    rulesetVersion: h.rulesetVersion,
    explanation,
  };
}

export function toRiskListItem(r: RiskListRecord): RiskListItem {
  const reasons = topReasons(r.risk.explanation, r.risk.verified);
  return {
    assetId: r.id,
    name: r.name,
    domain: r.domain,
    domainLabel: domainLabel(r.domain),
    kind: r.kind,
    district: r.district,
    ownerUnitId: r.ownerUnitId,
    ownerUnitName: r.ownerUnitName,
    level: r.risk.level,
    levelLabel: LEVEL_LABELS_ZH[r.risk.level],
    colour: LEVEL_COLOURS[r.risk.level],
    score: r.risk.score,
    likelihood: r.risk.likelihood,
    severity: r.risk.severity,
    verified: r.risk.verified,
    since: r.risk.since.toISOString(),
    reasons,
    reason: reasons.join('；'),
  };
}
