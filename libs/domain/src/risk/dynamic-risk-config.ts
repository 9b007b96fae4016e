import type { CensusAttributes, Domain, RiskLevel } from '#contracts';
import type { Score5 } from './risk-matrix.js';
import type { JsonValue } from './static-risk-factors.js';

/**
 * Inputs and configuration of the dynamic adjustment of DOMAIN.md §b.2. The concept of a dynamic risk
 * map is sourced [S6][S26]; every delta, window and override below is an ASSUMPTION of DOMAIN.md §b.2
 * and a configurable default.
 */

export const DYNAMIC_RISK_VERSION = 'dynamic-risk/1.0.0';

const DAY_MS = 86_400_000;

/** An alarm that is open on the asset (the caller maps its workflow state; see alarm-workflow `countsAsOpen`). */
export interface OpenAlarmInfo {
  alarmId: string;
  deviceId: string;
  ruleId: string;
  metric: string;
  /** Alarm level: major = red, larger = orange, general = yellow, low = blue. */
  level: RiskLevel;
  value: number;
  threshold: number;
  /** Verified by the monitoring centre (or auto-dispatched); only confirmed alarms move L. */
  confirmed: boolean;
  /** Dismissed as a false alarm: counts 0 everywhere (DOMAIN.md §b.2). */
  falseAlarm: boolean;
  /** The sensor sits in a confined space adjacent to the asset (manhole, duct, tunnel cabin). */
  adjacentConfinedSpace: boolean;
}

export interface TrendSignal {
  /** e.g. `bridge.creep` (≥ 3 mm/yr) or `water.night_flow` (baseline up > 20 % for 7 days). */
  key: string;
  /** True when the trend is sustained and adverse (the caller's analysis decides). */
  adverse: boolean;
  value: number;
  threshold: number;
}

export interface ExternalEvent {
  id: string;
  kind: 'excavation' | 'subsidence';
  /** Distance from the asset in metres; a subsidence report without one counts (it was filed against the asset). */
  distanceM?: number;
  reportedAt: number;
  /** When the report stops applying (end of works, repaired); open-ended when absent. */
  endsAt?: number;
  /** Where it came from: `12345`, `12319`, `inspection`, … */
  source: string;
}

export interface NearbyEvent {
  id: string;
  name: string;
  startsAt: number;
  endsAt: number;
}

export interface CleanRecord {
  /** When monitoring of the asset started (no clean credit before 180 days of history). */
  monitoredSince: number;
  lastConfirmedAlarmAt: number | null;
  lastInspectionPassedAt: number | null;
}

export interface DynamicRiskInput {
  domain: Domain;
  static: { likelihood: Score5; severity: Score5 };
  /** Design values for the bridge override (design_strain_ue, deflection_limit_mm). */
  attributes: CensusAttributes;
  openAlarms: readonly OpenAlarmInfo[];
  /** Confirmed yellow alarms raised in the last 30 days (the caller counts them). */
  confirmedYellowCount30d: number;
  trends: readonly TrendSignal[];
  externalEvents: readonly ExternalEvent[];
  /** Share of the asset's sensors offline for > 24 h (deadman `blindSpotRatio`); null when it has none. */
  blindSpotRatio: number | null;
  cleanRecord: CleanRecord;
  nearbyEvents: readonly NearbyEvent[];
  /** Epoch ms: the evaluation time (seasons, event windows, clean record). */
  now: number;
}

/** A season as a local calendar range `MM-DD`..`MM-DD` (inclusive; may wrap the year end). */
export interface SeasonRule {
  key: string;
  label: string;
  domains: readonly Domain[];
  from: string;
  to: string;
}

export interface DynamicRiskConfig {
  version: string;
  alarm: { red: number; orange: number; yellowCount: number; yellowDelta: number };
  trendDelta: number;
  external: { delta: number; excavationRadiusM: number; subsidenceRadiusM: number };
  blind: { delta: number; minRatio: number };
  clean: { delta: number; quietMs: number; inspectionValidMs: number; maxDropBelowStatic: number };
  season: { delta: number; rules: readonly SeasonRule[]; utcOffsetMinutes: number };
  eventDelta: number;
  overrides: { ch4MajorLel: number; designRatioMajor: number };
}

export const DEFAULT_DYNAMIC_RISK_CONFIG: DynamicRiskConfig = {
  version: DYNAMIC_RISK_VERSION,
  // +2 confirmed red open; +1 confirmed orange open or ≥ 3 confirmed yellows in 30 days (DOMAIN.md §b.2).
  alarm: { red: 2, orange: 1, yellowCount: 3, yellowDelta: 1 },
  trendDelta: 1, // DOMAIN.md §b.2 ΔL_trend
  external: { delta: 1, excavationRadiusM: 10, subsidenceRadiusM: 10 }, // §b.2: excavation within 10 m; subsidence radius ASSUMPTION
  blind: { delta: 1, minRatio: 0.5 }, // §b.2: ≥ 50 % of sensors offline > 24 h
  clean: {
    delta: 1,
    quietMs: 180 * DAY_MS, // §b.2: 180 days without confirmed alarms
    inspectionValidMs: 365 * DAY_MS, // ASSUMPTION: a passed inspection counts for one annual cycle
    maxDropBelowStatic: 1, // §b.2: never below L_static − 1
  },
  season: {
    delta: 1,
    rules: [
      // ASSUMPTION: main flood season of northern China (Inner Mongolia 汛期 1 Jun – 30 Sep).
      { key: 'flood', label: '汛期 flood season', domains: ['drainage'], from: '06-01', to: '09-30' },
      // ASSUMPTION: Ordos heating period 15 Oct – 15 Apr.
      { key: 'heating', label: '供暖期 heating season', domains: ['heating'], from: '10-15', to: '04-15' },
    ],
    utcOffsetMinutes: 480, // China Standard Time, no DST
  },
  eventDelta: 1, // §b.2 ΔS_event
  overrides: { ch4MajorLel: 50, designRatioMajor: 1 }, // §b.2: ≥ 50 %LEL; ≥ 100 % of design
};

/** One applied adjustment, with the input that triggered it. */
export interface AppliedFactor {
  key: string;
  dimension: 'likelihood' | 'severity';
  delta: number;
  source: JsonValue;
}

/** One applied override: the level may not be lower than `floor`. */
export interface AppliedOverride {
  key: string;
  floor: RiskLevel;
  source: JsonValue;
}
