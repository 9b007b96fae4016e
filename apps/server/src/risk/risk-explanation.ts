import type { RiskLevel } from '#contracts';
import {
  assetDataStatus,
  blindSpotRatio,
  deviceStatus,
  type AppliedFactor,
  type AppliedOverride,
  type AssetDataStatus,
  type DeviceLiveness,
  type DynamicRiskAssessment,
  type OpenAlarmInfo,
  type RiskState,
  type RiskTransition,
  type RiskTransitionReason,
  type StaticFactor,
  type StaticRiskAssessment,
  type TransitionEvidence,
} from '#domain';
import type { AlarmDerivedInputs } from './alarm-inputs.js';
import type { RiskSettings } from './risk.settings.js';

/**
 * The stored answer to "why is this asset at this level?" (ARCHITECTURE.md rule 6, PEERS.md §5.B item
 * 7): the static factors with their census inputs, the dynamic factors and overrides with the alarm or
 * report that triggered them, the hysteresis decision, the monitoring status and every rule version.
 * Written to `asset_risk.explanation` and, with the trigger, to each `risk_history` row. Deterministic for
 * unchanged inputs, so an unchanged assessment is recognised and not rewritten.
 */
export interface RiskExplanation {
  static: {
    level: RiskLevel;
    score: number;
    likelihood: number;
    severity: number;
    likelihoodPoints: number;
    severityPoints: number;
    assessmentYear: number;
    factors: StaticFactor[];
    rulesetVersion: string;
  };
  dynamic: {
    /** The computed level (after overrides), before hysteresis. */
    level: RiskLevel;
    scoreLevel: RiskLevel;
    score: number;
    likelihood: number;
    severity: number;
    factors: AppliedFactor[];
    overrides: AppliedOverride[];
    rulesetVersion: string;
  };
  transition: {
    reason: RiskTransitionReason;
    evidence: TransitionEvidence;
    pendingDowngrade: RiskState['pendingDowngrade'];
    quietPeriodMs: number;
  };
  monitoring: {
    /** fresh: some sensor reports; stale: none does (level kept, unverified); unmonitored: no sensors. */
    dataStatus: AssetDataStatus;
    /** The asset and its confined-space children whose sensors and alarms count for it. */
    members: string[];
    deviceIds: string[];
    offlineDeviceIds: string[];
    blindSpotRatio: number | null;
    /** Missed report intervals before a device counts as offline (DOMAIN.md §a.7). */
    k: number;
  };
  inputs: {
    openAlarms: OpenAlarmInfo[];
    confirmedYellowCount30d: number;
    externalEvents: ExplainedExternalEvent[];
    /** A condition is active on some open alarm right now; otherwise when data last turned normal. */
    abnormal: { active: boolean; lastAt: number | null };
  };
  versions: { static: string; dynamic: string; transition: string; deadman: string };
}

export interface ExplainedExternalEvent {
  id: string;
  kind: string;
  distanceM: number | null;
  startsAt: number;
  until: number | null;
  note: string;
  source: string;
}

/** Version tags of the parts of the model that have no version constant of their own. */
export const transitionVersion = (quietPeriodMs: number): string =>
  `risk-transition/1 (quiet ${quietPeriodMs / 86_400_000} d)`;
export const deadmanVersion = (k: number, blindAfterMs: number): string =>
  `deadman/1 (k=${k}, blind after ${blindAfterMs / 3_600_000} h)`;

/** What buildExplanation reads: the assessment's parts and the monitoring inputs. */
export interface ExplanationParts {
  members: string[];
  externalEvents: readonly (ExplainedExternalEvent & { assetId: string })[];
  staticRisk: StaticRiskAssessment;
  assessmentYear: number;
  dynamic: DynamicRiskAssessment;
  transition: RiskTransition;
  alarms: AlarmDerivedInputs;
  devices: readonly DeviceLiveness[];
  now: number;
  settings: RiskSettings;
}

function monitoring(p: ExplanationParts): RiskExplanation['monitoring'] {
  const { deadman } = p.settings;
  return {
    dataStatus: assetDataStatus(p.devices, p.now, deadman),
    members: p.members,
    deviceIds: p.devices.map((d) => d.deviceId),
    offlineDeviceIds: p.devices.filter((d) => deviceStatus(d, p.now, deadman).offline).map((d) => d.deviceId),
    blindSpotRatio: blindSpotRatio(p.devices, p.now, deadman),
    k: deadman.k,
  };
}

function staticPart(p: ExplanationParts): RiskExplanation['static'] {
  const s = p.staticRisk;
  const { level, score, likelihood, severity, likelihoodPoints, severityPoints, factors, rulesetVersion } = s;
  return {
    level,
    score,
    likelihood,
    severity,
    likelihoodPoints,
    severityPoints,
    assessmentYear: p.assessmentYear,
    factors,
    rulesetVersion,
  };
}

/** The explanation of one assessment; nothing in it moves with the clock alone, so it fingerprints. */
export function buildExplanation(p: ExplanationParts): RiskExplanation {
  const { dynamic: d, alarms, settings } = p;
  return {
    static: staticPart(p),
    dynamic: {
      level: d.level,
      scoreLevel: d.scoreLevel,
      score: d.score,
      likelihood: d.likelihood,
      severity: d.severity,
      factors: d.factors,
      overrides: d.overrides,
      rulesetVersion: d.rulesetVersion,
    },
    transition: {
      reason: p.transition.reason,
      evidence: p.transition.evidence,
      pendingDowngrade: p.transition.state.pendingDowngrade,
      quietPeriodMs: settings.transition.quietPeriodMs,
    },
    monitoring: monitoring(p),
    inputs: {
      openAlarms: alarms.openAlarms,
      confirmedYellowCount30d: alarms.confirmedYellowCount30d,
      externalEvents: p.externalEvents.map(({ assetId: _, ...e }) => e),
      // While a condition is active its time is "now": stored as a flag so the row does not churn.
      abnormal: {
        active: alarms.conditionActive,
        lastAt: alarms.conditionActive ? null : alarms.lastAbnormalAt,
      },
    },
    versions: {
      static: p.staticRisk.rulesetVersion,
      dynamic: d.rulesetVersion,
      transition: transitionVersion(settings.transition.quietPeriodMs),
      deadman: deadmanVersion(settings.deadman.k, settings.deadman.blindAfterMs),
    },
  };
}
