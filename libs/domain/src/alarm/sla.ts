import type { AlarmLevel } from './alarm-rules.js';
import { DAY_MS, localMidnight, localWeekday, parseLocalTime } from './local-time.js';
import { TERMINAL_STATES, type WorkflowAlarm } from './workflow-model.js';
import { isShelved } from './alarm-workflow.js';

/**
 * SLA timers of DOMAIN.md §c.1 (proposed, ASSUMPTION). The monitoring centre's clock (confirm, dispatch)
 * starts when the alarm is raised; the owner unit's clock (acknowledge, on site, resolve) starts at
 * dispatch ("SLA timer starts", §c.3). Times are first-pass KPIs (`reached` keeps first entries).
 */

export const SLA_STAGES = ['confirm', 'dispatch', 'owner_ack', 'on_site', 'resolve'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

const MIN = 60_000;
const HOUR = 60 * MIN;

export interface SlaConfig {
  /** Red/orange/yellow stage durations in ms; null = no target. */
  durations: Readonly<Record<Exclude<AlarmLevel, 'low'>, Readonly<Record<SlaStage, number | null>>>>;
  /** Blue (device health): confirmed in the daily batch, dispatched by the next working day's batch. */
  blue: {
    batchTime: string;
    utcOffsetMinutes: number;
    workingDays: readonly number[];
    ownerAckMs: number;
    resolveMs: number;
  };
}

export const DEFAULT_SLA_CONFIG: SlaConfig = {
  durations: {
    major: {
      confirm: 5 * MIN,
      dispatch: 10 * MIN,
      owner_ack: 10 * MIN,
      on_site: 30 * MIN,
      resolve: 4 * HOUR,
    },
    larger: {
      confirm: 15 * MIN,
      dispatch: 30 * MIN,
      owner_ack: 30 * MIN,
      on_site: 2 * HOUR,
      resolve: 24 * HOUR,
    },
    general: {
      confirm: 30 * MIN,
      dispatch: 2 * HOUR,
      owner_ack: 4 * HOUR,
      on_site: 24 * HOUR,
      resolve: 3 * DAY_MS,
    },
  },
  // ASSUMPTION: batch at 09:00 China time, Monday–Friday working days, no holiday calendar.
  blue: {
    batchTime: '09:00',
    utcOffsetMinutes: 480,
    workingDays: [1, 2, 3, 4, 5],
    ownerAckMs: DAY_MS,
    resolveMs: 7 * DAY_MS,
  },
};

export interface SlaDue {
  stage: SlaStage;
  dueAt: number;
  doneAt: number | null;
  /** null while the stage is pending. */
  met: boolean | null;
}

/** The first daily batch at or after `at` (only on `days` when given and not empty). */
function nextBatch(at: number, config: SlaConfig['blue'], days?: readonly number[]): number {
  const minutes = parseLocalTime(config.batchTime) ?? 0;
  const allowed = (t: number): boolean =>
    days === undefined || days.length === 0 || days.includes(localWeekday(t, config.utcOffsetMinutes));
  let candidate = localMidnight(at, config.utcOffsetMinutes) + minutes * MIN;
  if (candidate < at) candidate += DAY_MS;
  for (let i = 0; i < 7 && !allowed(candidate); i++) candidate += DAY_MS;
  return candidate;
}

function doneAt(alarm: WorkflowAlarm, stage: SlaStage): number | null {
  const r = alarm.reached;
  const first = (...times: (number | undefined)[]): number | null => {
    const known = times.filter((t): t is number => t !== undefined);
    return known.length === 0 ? null : Math.min(...known);
  };
  switch (stage) {
    case 'confirm':
      return first(r.verified, r.dismissed, r.dispatched);
    case 'dispatch':
      return first(r.dispatched);
    case 'owner_ack':
      return first(r.accepted);
    case 'on_site':
      return first(r.on_site);
    case 'resolve':
      return first(r.resolved);
  }
}

function blueDue(alarm: WorkflowAlarm, stage: SlaStage, config: SlaConfig['blue']): number | null {
  const dispatched = alarm.reached.dispatched;
  switch (stage) {
    case 'confirm':
      return nextBatch(alarm.raisedAt, config);
    case 'dispatch':
      return nextBatch(nextBatch(alarm.raisedAt, config) + 1, config, config.workingDays);
    case 'owner_ack':
      return dispatched === undefined ? null : dispatched + config.ownerAckMs;
    case 'on_site':
      return null;
    case 'resolve':
      return dispatched === undefined ? null : dispatched + config.resolveMs;
  }
}

function dueAt(alarm: WorkflowAlarm, stage: SlaStage, config: SlaConfig): number | null {
  if (alarm.level === 'low') return blueDue(alarm, stage, config.blue);
  const duration = config.durations[alarm.level][stage];
  if (duration === null) return null;
  const centre = stage === 'confirm' || stage === 'dispatch';
  const base = centre ? alarm.raisedAt : alarm.reached.dispatched;
  return base === undefined ? null : base + duration;
}

/** Due times of every stage that applies now (owner stages once dispatched; a dismissed alarm has only `confirm`). */
export function dueTimes(alarm: WorkflowAlarm, config: SlaConfig = DEFAULT_SLA_CONFIG): SlaDue[] {
  const stages = alarm.reached.dismissed !== undefined ? (['confirm'] as const) : SLA_STAGES;
  return stages.flatMap((stage) => {
    const due = dueAt(alarm, stage, config);
    if (due === null) return [];
    const done = doneAt(alarm, stage);
    return [{ stage, dueAt: due, doneAt: done, met: done === null ? null : done <= due }];
  });
}

/** Pending stages past their due time at `now`. */
export function overdue(
  alarm: WorkflowAlarm,
  now: number,
  config: SlaConfig = DEFAULT_SLA_CONFIG,
): { stage: SlaStage; dueAt: number; overdueByMs: number }[] {
  return dueTimes(alarm, config)
    .filter((d) => d.doneAt === null && now > d.dueAt)
    .map((d) => ({ stage: d.stage, dueAt: d.dueAt, overdueByMs: now - d.dueAt }));
}

/**
 * The next stage to escalate (not yet escalated) and when the scheduler should act: null when the alarm
 * is closed, out of service or has nothing pending; a shelved alarm is not escalated before its shelve ends.
 */
export function nextEscalation(
  alarm: WorkflowAlarm,
  now: number,
  config: SlaConfig = DEFAULT_SLA_CONFIG,
): { stage: SlaStage; at: number; overdue: boolean } | null {
  if (TERMINAL_STATES.includes(alarm.state) || alarm.outOfService) return null;
  const pending = dueTimes(alarm, config)
    .filter((d) => d.doneAt === null && !alarm.escalatedStages.includes(d.stage))
    .sort((a, b) => a.dueAt - b.dueAt)[0];
  if (!pending) return null;
  const at = isShelved(alarm, now) ? Math.max(pending.dueAt, alarm.shelvedUntil ?? now) : pending.dueAt;
  return { stage: pending.stage, at, overdue: now > at };
}
