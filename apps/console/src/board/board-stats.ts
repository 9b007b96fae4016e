import { DOMAINS, RISK_LEVELS, type Domain, type RiskLevel } from '#contracts';
import { ALARM_STATES, type AlarmState } from '#domain';
import type { AlarmView } from '../api/alarms-api';
import type { AssetFeature, RiskMark } from '../api/types';
import type { AlarmItem } from '../alarms/alarm-model';

export type LevelColumn = RiskLevel | 'none';
export const LEVEL_COLUMNS: readonly LevelColumn[] = [...RISK_LEVELS, 'none'];

export interface LevelRow {
  domain: Domain;
  counts: Record<LevelColumn, number>;
  unverified: number;
  total: number;
}

/** Assets per domain and level (the risk list's 四色 summary); `none` = not graded yet. */
export function levelsByDomain(
  features: readonly AssetFeature[],
  marks: ReadonlyMap<string, RiskMark>,
): LevelRow[] {
  const rows = new Map<Domain, LevelRow>(
    DOMAINS.map((domain) => [
      domain,
      { domain, counts: { major: 0, larger: 0, general: 0, low: 0, none: 0 }, unverified: 0, total: 0 },
    ]),
  );
  for (const f of features) {
    const row = rows.get(f.properties.domain);
    if (!row) continue;
    const mark = marks.get(f.id);
    row.counts[mark?.level ?? 'none']++;
    if (mark && !mark.verified) row.unverified++;
    row.total++;
  }
  return [...rows.values()];
}

export interface AlarmSummary {
  byState: Partial<Record<AlarmState, number>>;
  byLevel: Record<RiskLevel, number>;
  overdue: number;
  unacknowledged: number;
}

export function summariseAlarms(alarms: Iterable<AlarmItem>, now: number): AlarmSummary {
  const summary: AlarmSummary = {
    byState: {},
    byLevel: { major: 0, larger: 0, general: 0, low: 0 },
    overdue: 0,
    unacknowledged: 0,
  };
  for (const a of alarms) {
    summary.byState[a.state] = (summary.byState[a.state] ?? 0) + 1;
    summary.byLevel[a.level]++;
    if (a.overdueAt !== null && now > a.overdueAt) summary.overdue++;
    if (a.acknowledged === null) summary.unacknowledged++;
  }
  return summary;
}

/** The `count` assets whose grade changed last, newest first. */
export function recentChanges(marks: ReadonlyMap<string, RiskMark>, count: number): [string, RiskMark][] {
  return [...marks].sort((a, b) => b[1].since.localeCompare(a[1].since)).slice(0, count);
}

export const OPEN_STATES: readonly AlarmState[] = ALARM_STATES.filter(
  (s) => s !== 'closed' && s !== 'dismissed',
);

export interface ResponseKpi {
  medianMs: number | null;
  samples: number;
}

export interface ResponseKpis {
  verify: ResponseKpi;
  dispatch: ResponseKpi;
  close: ResponseKpi;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Assessment KPIs of DOMAIN.md §c.2 over alarms raised since `since`: time from raising to confirmation
 * (verified, dismissed or dispatched, whichever came first), to dispatch, and to closure.
 */
export function responseKpis(alarms: readonly AlarmView[], since: number): ResponseKpis {
  const verify: number[] = [];
  const dispatch: number[] = [];
  const close: number[] = [];
  for (const a of alarms) {
    const raised = Date.parse(a.raisedAt);
    if (raised < since) continue;
    const done = (stage: string) => a.sla.stages.find((s) => s.stage === stage)?.doneAt ?? null;
    const confirmed = done('confirm');
    const dispatched = done('dispatch');
    if (confirmed) verify.push(Date.parse(confirmed) - raised);
    if (dispatched) dispatch.push(Date.parse(dispatched) - raised);
    if (a.closedAt && a.state === 'closed') close.push(Date.parse(a.closedAt) - raised);
  }
  const kpi = (values: number[]): ResponseKpi => ({ medianMs: median(values), samples: values.length });
  return { verify: kpi(verify), dispatch: kpi(dispatch), close: kpi(close) };
}
