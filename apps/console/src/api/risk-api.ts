import type { Domain, RiskLevel } from '#contracts';
import { ApiError, apiBlob, apiGet, fetchAllPages } from './http';
import type { RiskMark } from './types';

/** A factor of the explanation: static (census input → contribution) or dynamic (delta from a source). */
export interface ExplainedFactor {
  key: string;
  dimension: 'likelihood' | 'severity';
  label?: string;
  contribution?: number;
  delta?: number;
  input?: unknown;
  source?: unknown;
  known?: boolean;
}

/** The stored answer to "why this level?" (server risk/risk-explanation.ts), as far as the console shows it. */
export interface RiskExplanation {
  static: {
    level: RiskLevel;
    score: number;
    likelihood: number;
    severity: number;
    factors: ExplainedFactor[];
    rulesetVersion: string;
  };
  dynamic: {
    level: RiskLevel;
    score: number;
    likelihood: number;
    severity: number;
    factors: ExplainedFactor[];
    overrides: { key: string; floor: RiskLevel; source: unknown }[];
    rulesetVersion: string;
  };
  transition: { reason: string };
  monitoring: {
    dataStatus: 'fresh' | 'stale' | 'unmonitored';
    deviceIds: string[];
    offlineDeviceIds: string[];
  };
  versions: Record<string, string>;
}

/** `GET /assets/{id}/risk` (server risk/risk-views.ts). */
export interface AssetRiskView {
  assetId: string;
  level: RiskLevel;
  verified: boolean;
  score: number;
  likelihood: number;
  severity: number;
  staticLevel: RiskLevel;
  since: string;
  /** The main reasons in words (zh-CN, from the server). */
  reasons: string[];
  explanation: RiskExplanation;
}

/** One level change of `GET /assets/{id}/risk/history`. */
export interface RiskChangeView {
  at: string;
  from: RiskLevel | null;
  to: RiskLevel;
  verified: boolean;
  score: number;
  /** The hysteresis decision: initial, upgrade, downgrade, unverified, reverified. */
  reason: string;
  reasons: string[];
  rulesetVersion: string;
}

/** One entry of the risk list (风险清单, `GET /risk-list`). */
export interface RiskListEntry {
  assetId: string;
  name: string;
  domain: Domain;
  kind: string;
  district: string;
  ownerUnitId: string;
  ownerUnitName: string;
  level: RiskLevel;
  verified: boolean;
  score: number;
  since: string;
  /** The main reasons as one line. */
  reason: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface RiskListQuery {
  domain?: Domain;
  district?: string;
  level?: RiskLevel;
}

export function fetchRiskList(query: RiskListQuery = {}): Promise<RiskListEntry[]> {
  return fetchAllPages<Page<RiskListEntry>, RiskListEntry>(
    '/risk-list',
    { ...query, format: 'json' },
    (p) => p.items,
  );
}

/** The grade of every asset the session sees, for the map and the board. */
export async function fetchRiskMarks(): Promise<Map<string, RiskMark>> {
  const entries = await fetchRiskList();
  return new Map(entries.map((e) => [e.assetId, { level: e.level, verified: e.verified, since: e.since }]));
}

/** The asset's current grade, or null while it has not been graded yet (404). */
export async function fetchAssetRisk(assetId: string): Promise<AssetRiskView | null> {
  try {
    return await apiGet<AssetRiskView>(`/assets/${encodeURIComponent(assetId)}/risk`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function fetchRiskHistory(assetId: string): Promise<RiskChangeView[]> {
  return (await apiGet<Page<RiskChangeView>>(`/assets/${encodeURIComponent(assetId)}/risk/history`)).items;
}

/** The risk list as CSV (`format=csv`), for download. */
export function fetchRiskListCsv(query: RiskListQuery): Promise<Blob> {
  return apiBlob('/risk-list', { ...query, format: 'csv' });
}
