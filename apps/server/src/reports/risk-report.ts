import type { RiskListItem } from '../risk/risk-views.js';
import type { Coverage } from './coverage.js';

/** Counts of assets per level in one domain (or `all`). */
export interface LevelCounts {
  domain: string;
  domainLabel: string;
  major: number;
  larger: number;
  general: number;
  low: number;
  total: number;
  unverified: number;
}

/** 城市基础设施风险评估报告: the data behind both the JSON and the printable HTML form. */
export interface RiskReport {
  generatedAt: string;
  rulesetVersion: string;
  scope: { district: string | null; domain: string | null; ownerUnitId: string | null };
  counts: LevelCounts[];
  totals: LevelCounts;
  topRisks: RiskListItem[];
  /** The first `list.length` lines of the risk list; `listTotal` lines match (the CSV has them all). */
  list: RiskListItem[];
  listTotal: number;
  coverage: Coverage;
  devices: { enabled: number; online: number; rate: number | null };
}

const empty = (domain: string, domainLabel: string): LevelCounts => ({
  domain,
  domainLabel,
  major: 0,
  larger: 0,
  general: 0,
  low: 0,
  total: 0,
  unverified: 0,
});

/** Level × domain counts (domains in the given order, those with assets only) and the totals. */
export function levelCounts(
  items: readonly RiskListItem[],
  domains: readonly { domain: string; label: string }[],
): { counts: LevelCounts[]; totals: LevelCounts } {
  const totals = empty('all', '合计');
  const byDomain = new Map(domains.map((d) => [d.domain, empty(d.domain, d.label)]));
  for (const item of items) {
    for (const c of [byDomain.get(item.domain), totals]) {
      if (!c) continue;
      c[item.level] += 1;
      c.total += 1;
      if (!item.verified) c.unverified += 1;
    }
  }
  return { counts: [...byDomain.values()].filter((c) => c.total > 0), totals };
}
