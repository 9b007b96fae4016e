import { compareLevels, raiseLevel } from '../risk/risk-matrix.js';
import type { AlarmLevel, ResolvedRule } from './alarm-rules.js';
import { evaluateConditions, windowMsOf, windowReadingsOf, type Sample } from './rule-conditions.js';

/**
 * Stateful evaluation of one rule for one asset (PEERS.md §5.C item 11). The state is plain JSON so the
 * caller persists it with the alarm and timers survive restarts. Rules:
 * - readings are evaluated in timestamp order; a reading not newer than the last evaluated one
 *   (out-of-order, back-fill of an older period, duplicate) is ignored: it is stored by ingest but never
 *   re-raises or re-clears an old state (back-testing history is a separate tool);
 * - readings flagged `suspect` by data quality are not alarmed on and do not enter the window;
 * - on/off delays are measured on reading timestamps: a sensor that goes silent neither raises nor clears
 *   (silence is the deadman's job).
 */

export interface RuleReading {
  ts: number;
  value: number;
  quality?: 'good' | 'suspect';
}

export interface EvaluationContext {
  /** Latest values of other metrics on the same asset (e.g. `c2h6_present`) for flag corroboration. */
  companions?: Readonly<Record<string, { ts: number; value: number }>>;
  /** Neighbouring devices currently anomalous under the same rule (water acoustic loggers). */
  neighboursAnomalous?: number;
  /** Readings further ahead of `now` are refused (CONTRACT.md §1: 5 minutes). */
  futureToleranceMs?: number;
}

interface Candidate {
  level: AlarmLevel | null;
  threshold: number | null;
  conditionId: string | null;
  reason: string;
}

/** A level change waiting for its on- or off-delay. */
export interface PendingChange extends Candidate {
  since: number;
  readings: number;
}

export interface RuleState {
  ruleId: string;
  active: {
    level: AlarmLevel;
    since: number;
    levelSince: number;
    value: number;
    threshold: number | null;
  } | null;
  /** Level the conditions gave at the last reading (before delays): the deadband applies at or below it. */
  conditionLevel: AlarmLevel | null;
  pending: PendingChange | null;
  clearing: PendingChange | null;
  lastTs: number | null;
  /** Recent [ts, value] samples for rate-of-change and rising conditions, oldest first. */
  window: Sample[];
  /** Consecutive readings meeting any condition (repeat count). */
  streak: number;
}

export interface RuleTransition {
  kind: 'raise' | 'escalate' | 'deescalate' | 'clear';
  ruleId: string;
  /** Level after the transition; null once cleared. */
  level: AlarmLevel | null;
  from: AlarmLevel | null;
  value: number;
  threshold: number | null;
  conditionId: string | null;
  reason: string;
  ts: number;
}

export type IgnoreReason = 'suspect' | 'out_of_order' | 'future' | 'not_finite' | 'rule_disabled';

export interface RuleEvaluation {
  state: RuleState;
  transitions: RuleTransition[];
  ignored: { ts: number; reason: IgnoreReason }[];
}

/** Samples kept in a state at most, so a persisted state stays small. */
export const MAX_WINDOW_SAMPLES = 720;
const DEFAULT_FUTURE_TOLERANCE_MS = 5 * 60_000;

const rank = (level: AlarmLevel | null): number => (level === null ? -1 : compareLevels(level, 'low'));

/** A fresh state for a rule: nothing active, nothing pending. */
export function initialRuleState(ruleId: string): RuleState {
  return {
    ruleId,
    active: null,
    conditionLevel: null,
    pending: null,
    clearing: null,
    lastTs: null,
    window: [],
    streak: 0,
  };
}

function corroborate(
  candidate: Candidate,
  rule: ResolvedRule,
  ts: number,
  ctx: EvaluationContext,
): Candidate {
  let { level, reason } = candidate;
  for (const c of rule.corroborations) {
    if (level === null) break;
    if (c.kind === 'flag') {
      const companion = ctx.companions?.[c.metric];
      if (companion && companion.value > 0 && Math.abs(companion.ts - ts) <= c.maxSkewMs) {
        level = raiseLevel(level, c.steps);
        reason += `; confirmed by ${c.metric} = ${companion.value} (+${c.steps} level)`;
      }
    } else if ((ctx.neighboursAnomalous ?? 0) >= c.minNeighbours && rank(c.level) > rank(level)) {
      level = c.level;
      reason += `; ${ctx.neighboursAnomalous} neighbouring device(s) anomalous`;
    }
  }
  return { ...candidate, level, reason };
}

function candidateOf(
  state: RuleState,
  reading: RuleReading,
  rule: ResolvedRule,
  window: Sample[],
  ctx: EvaluationContext,
) {
  const hit = evaluateConditions(rule, reading.value, reading.ts, window, state.conditionLevel);
  const streak = hit ? state.streak + 1 : 0;
  let candidate: Candidate = hit
    ? { level: hit.level, threshold: hit.threshold, conditionId: hit.conditionId, reason: hit.reason }
    : {
        level: null,
        threshold: null,
        conditionId: null,
        reason: `${rule.metric} ${reading.value} back to normal`,
      };
  if (
    hit &&
    rule.repeat &&
    streak >= rule.repeat.readings &&
    rank(rule.repeat.level) > rank(candidate.level)
  ) {
    candidate = {
      ...candidate,
      level: rule.repeat.level,
      reason: `${candidate.reason}; held for ${streak} consecutive readings`,
    };
  }
  return {
    candidate: corroborate(candidate, rule, reading.ts, ctx),
    conditionLevel: hit?.level ?? null,
    streak,
  };
}

/** Continue a pending change (keeping the level held throughout: lowest for raises, highest for clears). */
function extend(
  previous: PendingChange | null,
  next: Candidate,
  ts: number,
  keepLower: boolean,
): PendingChange {
  if (previous === null) return { ...next, since: ts, readings: 1 };
  const nextWins = keepLower
    ? rank(next.level) < rank(previous.level)
    : rank(next.level) > rank(previous.level);
  return { ...(nextWins ? next : previous), since: previous.since, readings: previous.readings + 1 };
}

function kindOf(from: AlarmLevel | null, to: AlarmLevel | null): RuleTransition['kind'] {
  if (from === null) return 'raise';
  if (to === null) return 'clear';
  return rank(to) > rank(from) ? 'escalate' : 'deescalate';
}

function fire(
  state: RuleState,
  change: PendingChange,
  reading: RuleReading,
): { state: RuleState; transition: RuleTransition } {
  const from = state.active?.level ?? null;
  const active =
    change.level === null
      ? null
      : {
          level: change.level,
          since: state.active?.since ?? reading.ts,
          levelSince: reading.ts,
          value: reading.value,
          threshold: change.threshold,
        };
  const transition: RuleTransition = {
    kind: kindOf(from, change.level),
    ruleId: state.ruleId,
    level: change.level,
    from,
    value: reading.value,
    threshold: change.threshold,
    conditionId: change.conditionId,
    reason: change.reason,
    ts: reading.ts,
  };
  return { state: { ...state, active, pending: null, clearing: null }, transition };
}

function applyDelays(
  state: RuleState,
  next: Candidate,
  reading: RuleReading,
  rule: ResolvedRule,
): { state: RuleState; transition: RuleTransition | null } {
  const order = rank(next.level) - rank(state.active?.level ?? null);
  if (order === 0) return { state: { ...state, pending: null, clearing: null }, transition: null };
  const raising = order > 0;
  const change = extend(raising ? state.pending : state.clearing, next, reading.ts, raising);
  const delay = raising ? rule.onDelay : rule.offDelay;
  if (change.readings >= delay.readings && reading.ts - change.since >= delay.ms)
    return fire(state, change, reading);
  const waiting = raising ? { pending: change, clearing: null } : { pending: null, clearing: change };
  return { state: { ...state, ...waiting }, transition: null };
}

function pruneWindow(window: readonly Sample[], sample: Sample, rule: ResolvedRule): Sample[] {
  const all = [...window, sample];
  const oldest = sample[0] - windowMsOf(rule);
  const keepLast = windowReadingsOf(rule);
  return all.filter(([ts], i) => ts >= oldest || i >= all.length - keepLast).slice(-MAX_WINDOW_SAMPLES);
}

function ignoreReason(
  state: RuleState,
  reading: RuleReading,
  rule: ResolvedRule,
  now: number,
  ctx: EvaluationContext,
): IgnoreReason | null {
  if (!rule.enabled) return 'rule_disabled';
  if (reading.quality === 'suspect') return 'suspect';
  if (!Number.isFinite(reading.value) || !Number.isFinite(reading.ts)) return 'not_finite';
  if (reading.ts > now + (ctx.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS)) return 'future';
  if (state.lastTs !== null && reading.ts <= state.lastTs) return 'out_of_order';
  return null;
}

function step(state: RuleState, reading: RuleReading, rule: ResolvedRule, ctx: EvaluationContext) {
  const window = pruneWindow(state.window, [reading.ts, reading.value], rule);
  const { candidate, conditionLevel, streak } = candidateOf(state, reading, rule, window, ctx);
  return applyDelays(
    { ...state, window, conditionLevel, streak, lastTs: reading.ts },
    candidate,
    reading,
    rule,
  );
}

const isList = (input: RuleReading | readonly RuleReading[]): input is readonly RuleReading[] =>
  Array.isArray(input);

/** Evaluates one reading or a batch (sorted by ts first) against a resolved rule; returns the new state and the transitions. */
export function evaluate(
  state: RuleState | null,
  input: RuleReading | readonly RuleReading[],
  rule: ResolvedRule,
  now: number,
  context: EvaluationContext = {},
): RuleEvaluation {
  let current = state ?? initialRuleState(rule.id);
  if (current.ruleId !== rule.id)
    throw new Error(`rule state of ${current.ruleId} passed with rule ${rule.id}`);
  const readings = isList(input) ? [...input].sort((a, b) => a.ts - b.ts) : [input];
  const transitions: RuleTransition[] = [];
  const ignored: RuleEvaluation['ignored'] = [];
  for (const reading of readings) {
    const reason = ignoreReason(current, reading, rule, now, context);
    if (reason !== null) {
      ignored.push({ ts: reading.ts, reason });
      continue;
    }
    const result = step(current, reading, rule, context);
    current = result.state;
    if (result.transition) transitions.push(result.transition);
  }
  return { state: current, transitions, ignored };
}
