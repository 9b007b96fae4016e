import type { RiskLevel } from '#contracts';
import {
  DEFAULT_DYNAMIC_RISK_CONFIG,
  type AppliedFactor,
  type AppliedOverride,
  type DynamicRiskConfig,
  type DynamicRiskInput,
  type OpenAlarmInfo,
  type SeasonRule,
} from './dynamic-risk-config.js';
import { compareLevels, levelForScore, matrixScore, maxLevel, toScore5, type Score5 } from './risk-matrix.js';
import type { JsonValue } from './static-risk-factors.js';

export interface DynamicRiskAssessment {
  likelihood: Score5;
  severity: Score5;
  score: number;
  /** The level after overrides: what the risk list shows. */
  level: RiskLevel;
  /** The band of `score` before overrides. */
  scoreLevel: RiskLevel;
  static: { likelihood: Score5; severity: Score5 };
  factors: AppliedFactor[];
  overrides: AppliedOverride[];
  evaluatedAt: number;
  rulesetVersion: string;
}

const alarmSource = (a: OpenAlarmInfo): { readonly [key: string]: JsonValue } => ({
  alarmId: a.alarmId,
  deviceId: a.deviceId,
  metric: a.metric,
  value: a.value,
  threshold: a.threshold,
  ruleId: a.ruleId,
});

/** Open alarms that count at all: false alarms count 0 (DOMAIN.md §b.2). */
const real = (alarms: readonly OpenAlarmInfo[]): OpenAlarmInfo[] => alarms.filter((a) => !a.falseAlarm);

/** The most severe, then highest-valued, alarm of a list. */
function worst(alarms: readonly OpenAlarmInfo[]): OpenAlarmInfo | undefined {
  return [...alarms].sort((a, b) => compareLevels(b.level, a.level) || b.value - a.value)[0];
}

/** ΔL_alarm: the largest of the alarm rules of DOMAIN.md §b.2 (they describe one hazard, so they do not add up). */
function alarmFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const confirmed = real(input.openAlarms).filter((a) => a.confirmed);
  const red = worst(confirmed.filter((a) => a.level === 'major'));
  if (red)
    return { key: 'alarm.red', dimension: 'likelihood', delta: config.alarm.red, source: alarmSource(red) };
  const orange = worst(confirmed.filter((a) => a.level === 'larger'));
  if (orange)
    return {
      key: 'alarm.orange',
      dimension: 'likelihood',
      delta: config.alarm.orange,
      source: alarmSource(orange),
    };
  if (input.confirmedYellowCount30d >= config.alarm.yellowCount) {
    return {
      key: 'alarm.yellow_count',
      dimension: 'likelihood',
      delta: config.alarm.yellowDelta,
      source: { confirmedYellowCount30d: input.confirmedYellowCount30d },
    };
  }
  return null;
}

function trendFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const adverse = input.trends.filter((t) => t.adverse);
  if (adverse.length === 0) return null;
  return {
    key: 'trend',
    dimension: 'likelihood',
    delta: config.trendDelta,
    source: adverse.map((t) => ({ key: t.key, value: t.value, threshold: t.threshold })),
  };
}

function externalFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const { excavationRadiusM, subsidenceRadiusM, delta } = config.external;
  const active = input.externalEvents.filter((e) => {
    if (e.reportedAt > input.now || (e.endsAt !== undefined && input.now >= e.endsAt)) return false;
    if (e.kind === 'excavation') return e.distanceM !== undefined && e.distanceM <= excavationRadiusM;
    return e.distanceM === undefined || e.distanceM <= subsidenceRadiusM;
  });
  if (active.length === 0) return null;
  const source = active.map((e) => ({
    id: e.id,
    kind: e.kind,
    distanceM: e.distanceM ?? null,
    source: e.source,
  }));
  return { key: `external.${active[0].kind}`, dimension: 'likelihood', delta, source };
}

function blindFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const ratio = input.blindSpotRatio;
  if (ratio === null || ratio < config.blind.minRatio) return null;
  return {
    key: 'blind',
    dimension: 'likelihood',
    delta: config.blind.delta,
    source: { blindSpotRatio: ratio, threshold: config.blind.minRatio },
  };
}

/** ΔL_clean: 180 days of monitoring without a confirmed alarm and a passed inspection (DOMAIN.md §b.2). */
function cleanFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const { monitoredSince, lastConfirmedAlarmAt, lastInspectionPassedAt } = input.cleanRecord;
  const quietSince = Math.max(monitoredSince, lastConfirmedAlarmAt ?? monitoredSince);
  const quiet = input.now - quietSince >= config.clean.quietMs;
  const inspected =
    lastInspectionPassedAt !== null &&
    lastInspectionPassedAt <= input.now &&
    input.now - lastInspectionPassedAt <= config.clean.inspectionValidMs;
  if (!quiet || !inspected || real(input.openAlarms).some((a) => a.confirmed)) return null;
  return {
    key: 'clean',
    dimension: 'likelihood',
    delta: -config.clean.delta,
    source: { quietSince, lastInspectionPassedAt },
  };
}

/** Month × 100 + day of `now` in the configured fixed UTC offset. */
export function localMonthDay(now: number, utcOffsetMinutes: number): number {
  const local = new Date(now + utcOffsetMinutes * 60_000);
  return (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
}

const monthDay = (text: string): number => {
  const [month, day] = text.split('-').map(Number);
  return month * 100 + day;
};

/** True when `now` falls in the season (inclusive; a range whose end precedes its start wraps the year end). */
export function inSeason(rule: SeasonRule, now: number, utcOffsetMinutes: number): boolean {
  const md = localMonthDay(now, utcOffsetMinutes);
  const from = monthDay(rule.from);
  const to = monthDay(rule.to);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

function seasonFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const rule = config.season.rules.find(
    (r) => r.domains.includes(input.domain) && inSeason(r, input.now, config.season.utcOffsetMinutes),
  );
  if (!rule) return null;
  return {
    key: `season.${rule.key}`,
    dimension: 'severity',
    delta: config.season.delta,
    source: { season: rule.label, from: rule.from, to: rule.to },
  };
}

function eventFactor(input: DynamicRiskInput, config: DynamicRiskConfig): AppliedFactor | null {
  const active = input.nearbyEvents.filter((e) => e.startsAt <= input.now && input.now < e.endsAt);
  if (active.length === 0) return null;
  return {
    key: 'event',
    dimension: 'severity',
    delta: config.eventDelta,
    source: active.map((e) => ({ id: e.id, name: e.name })),
  };
}

const DESIGN_ATTRIBUTE: Readonly<Record<string, 'design_strain_ue' | 'deflection_limit_mm'>> = {
  strain_ue: 'design_strain_ue',
  deflection_mm: 'deflection_limit_mm',
};

/** The overrides of DOMAIN.md §b.2: any open red → ≥ larger; red ≥ 50 %LEL in a confined space or bridge ≥ 100 % of design → major. */
export function riskOverrides(
  input: DynamicRiskInput,
  config: DynamicRiskConfig = DEFAULT_DYNAMIC_RISK_CONFIG,
): AppliedOverride[] {
  const reds = real(input.openAlarms).filter((a) => a.level === 'major');
  const overrides: AppliedOverride[] = [];
  const first = worst(reds);
  if (first) overrides.push({ key: 'override.red_alarm', floor: 'larger', source: alarmSource(first) });
  const gas = reds.find(
    (a) => a.metric === 'ch4_lel' && a.adjacentConfinedSpace && a.value >= config.overrides.ch4MajorLel,
  );
  if (gas) overrides.push({ key: 'override.ch4_confined_space', floor: 'major', source: alarmSource(gas) });
  for (const alarm of reds) {
    const attribute = DESIGN_ATTRIBUTE[alarm.metric];
    const design = attribute === undefined ? undefined : input.attributes[attribute];
    if (design === undefined || design <= 0) continue;
    const ratio = Math.abs(alarm.value) / design;
    if (ratio >= config.overrides.designRatioMajor) {
      overrides.push({
        key: 'override.bridge_design_exceeded',
        floor: 'major',
        source: { ...alarmSource(alarm), design, ratio },
      });
      break;
    }
  }
  return overrides;
}

/** Dynamic level of DOMAIN.md §b.2: L_dyn, S_dyn clamped to 1..5, R_dyn banded, then the overrides. */
export function assessDynamicRisk(
  input: DynamicRiskInput,
  config: DynamicRiskConfig = DEFAULT_DYNAMIC_RISK_CONFIG,
): DynamicRiskAssessment {
  const factors = [
    alarmFactor,
    trendFactor,
    externalFactor,
    blindFactor,
    cleanFactor,
    seasonFactor,
    eventFactor,
  ]
    .map((rule) => rule(input, config))
    .filter((f): f is AppliedFactor => f !== null);
  const delta = (dimension: AppliedFactor['dimension']): number =>
    factors.filter((f) => f.dimension === dimension).reduce((t, f) => t + f.delta, 0);
  const floorL = Math.max(1, input.static.likelihood - config.clean.maxDropBelowStatic);
  const likelihood = toScore5(Math.max(floorL, input.static.likelihood + delta('likelihood')));
  const severity = toScore5(input.static.severity + delta('severity'));
  const score = matrixScore(likelihood, severity);
  const scoreLevel = levelForScore(score);
  const overrides = riskOverrides(input, config);
  return {
    likelihood,
    severity,
    score,
    level: maxLevel(scoreLevel, ...overrides.map((o) => o.floor)),
    scoreLevel,
    static: input.static,
    factors,
    overrides,
    evaluatedAt: input.now,
    rulesetVersion: config.version,
  };
}
