import type { RiskLevel } from '#contracts';
import { compareLevels, maxLevel } from './risk-matrix.js';

/**
 * Hysteresis of the stored risk level (DOMAIN.md §b.2 "Hysteresis", PEERS.md §5.B items 8–9):
 * upgrades take effect at once; a downgrade needs a quiet period of clean data (default 7 days,
 * ASSUMPTION of §b.2) and no open alarm or disposal ticket; when the asset's data is stale the level
 * is kept and marked unverified, never silently lowered.
 */

export interface RiskState {
  level: RiskLevel;
  /** When the current level took effect (epoch ms). */
  since: number;
  /** False while no sensor of the asset reports fresh data: the level is a carried-over "unverified" one. */
  verified: boolean;
  /** Last change of level or of `verified`. */
  lastChangeAt: number;
  /** A lower level the assessments have pointed to since `since`; the highest seen wins. */
  pendingDowngrade: { level: RiskLevel; since: number } | null;
}

export interface RiskTransitionContext {
  now: number;
  openAlarmIds: readonly string[];
  /** Disposal tickets of the asset that are not closed. */
  openTicketIds: readonly string[];
  lastTicketClosedAt: number | null;
  /** Time of the last abnormal reading (any alarm condition active) on the asset; null if none. */
  lastAbnormalAt: number | null;
  /** Some sensor of the asset reported within k report intervals (deadman `assetHasFreshData`). */
  dataFresh: boolean;
}

export interface RiskTransitionConfig {
  /** Clean data needed before a downgrade (DOMAIN.md §b.2: 7 days, ASSUMPTION). */
  quietPeriodMs: number;
}

export const DEFAULT_RISK_TRANSITION_CONFIG: RiskTransitionConfig = { quietPeriodMs: 7 * 86_400_000 };

export type RiskTransitionReason =
  | 'initial'
  | 'upgrade'
  | 'downgrade'
  | 'steady'
  | 'unverified'
  | 'reverified'
  | 'hold_quiet_period'
  | 'hold_open_alarm'
  | 'hold_open_ticket'
  | 'hold_stale_data';

export interface RiskTransition {
  state: RiskState;
  /** The level changed: emit `risk.level_changed` and append to the risk list history. */
  changed: boolean;
  verifiedChanged: boolean;
  from: RiskLevel | null;
  to: RiskLevel;
  reason: RiskTransitionReason;
  /** What the decision rested on, for the risk-list history (DOMAIN.md §b.2 "written … with its reason"). */
  evidence: TransitionEvidence;
}

export interface TransitionEvidence {
  dataFresh: boolean;
  openAlarmIds: readonly string[];
  openTicketIds: readonly string[];
  lastTicketClosedAt: number | null;
  /** Start of the clean-data period counted toward a downgrade; null when no downgrade is pending. */
  quietSince: number | null;
}

const evidence = (ctx: RiskTransitionContext, quietSince: number | null): TransitionEvidence => ({
  dataFresh: ctx.dataFresh,
  openAlarmIds: [...ctx.openAlarmIds],
  openTicketIds: [...ctx.openTicketIds],
  lastTicketClosedAt: ctx.lastTicketClosedAt,
  quietSince,
});

const quietStart = (pending: { since: number }, ctx: RiskTransitionContext): number =>
  Math.max(pending.since, ctx.lastAbnormalAt ?? pending.since);

/** A state entering `level` now. */
const entered = (level: RiskLevel, ctx: RiskTransitionContext): RiskState => ({
  level,
  since: ctx.now,
  verified: ctx.dataFresh,
  lastChangeAt: ctx.now,
  pendingDowngrade: null,
});

/** The current level kept, with the verification flag of `ctx` and the given pending downgrade. */
const kept = (
  current: RiskState,
  ctx: RiskTransitionContext,
  pending: RiskState['pendingDowngrade'],
): RiskState => ({
  ...current,
  verified: ctx.dataFresh,
  lastChangeAt: current.verified !== ctx.dataFresh ? ctx.now : current.lastChangeAt,
  pendingDowngrade: pending,
});

function outcome(
  current: RiskState | null,
  state: RiskState,
  reason: RiskTransitionReason,
  ctx: RiskTransitionContext,
  quietSince: number | null = null,
): RiskTransition {
  return {
    state,
    changed: current === null || state.level !== current.level,
    verifiedChanged: current !== null && current.verified !== state.verified,
    from: current?.level ?? null,
    to: state.level,
    reason,
    evidence: evidence(ctx, quietSince),
  };
}

/** Why a pending downgrade may not happen yet, or null when it may. */
function downgradeHold(
  pending: { since: number },
  ctx: RiskTransitionContext,
  config: RiskTransitionConfig,
): RiskTransitionReason | null {
  if (ctx.now - quietStart(pending, ctx) < config.quietPeriodMs) return 'hold_quiet_period';
  if (ctx.openAlarmIds.length > 0) return 'hold_open_alarm';
  if (ctx.openTicketIds.length > 0) return 'hold_open_ticket';
  return null;
}

function lower(
  current: RiskState,
  computed: RiskLevel,
  ctx: RiskTransitionContext,
  config: RiskTransitionConfig,
): RiskTransition {
  // Stale data is not clean data: the quiet-period clock restarts once the sensors report again.
  if (!ctx.dataFresh) return outcome(current, kept(current, ctx, null), 'hold_stale_data', ctx);
  const previous = current.pendingDowngrade;
  const pending = previous
    ? { level: maxLevel(previous.level, computed), since: previous.since }
    : { level: computed, since: ctx.now };
  const hold = downgradeHold(pending, ctx, config);
  const quietSince = quietStart(pending, ctx);
  if (hold !== null) return outcome(current, kept(current, ctx, pending), hold, ctx, quietSince);
  return outcome(current, entered(pending.level, ctx), 'downgrade', ctx, quietSince);
}

/** The next stored risk state given the newly computed level (upgrade now, downgrade after the quiet period, stale = unverified). */
export function decideRiskTransition(
  current: RiskState | null,
  computed: { level: RiskLevel },
  ctx: RiskTransitionContext,
  config: RiskTransitionConfig = DEFAULT_RISK_TRANSITION_CONFIG,
): RiskTransition {
  if (current === null) return outcome(null, entered(computed.level, ctx), 'initial', ctx);
  const order = compareLevels(computed.level, current.level);
  if (order < 0) return lower(current, computed.level, ctx, config);
  if (order > 0) return outcome(current, entered(computed.level, ctx), 'upgrade', ctx);
  const verifiedChanged = current.verified !== ctx.dataFresh;
  const reason: RiskTransitionReason = !verifiedChanged
    ? 'steady'
    : ctx.dataFresh
      ? 'reverified'
      : 'unverified';
  return outcome(current, kept(current, ctx, null), reason, ctx);
}
