import { countsAsOpen, isConfirmed, TERMINAL_STATES, type OpenAlarmInfo } from '#domain';
import type { AlarmRecord } from './risk-inputs.repository.js';

/**
 * Maps the alarm engine's rows onto the inputs of the pure risk model (DOMAIN.md §b.2 ΔL_alarm and the
 * overrides; §b.2 hysteresis evidence). Which workflow states count as open or confirmed is decided by
 * libs/domain (`countsAsOpen`, `isConfirmed`), never here.
 */
export interface AlarmDerivedInputs {
  openAlarms: OpenAlarmInfo[];
  openAlarmIds: string[];
  /** Dispatched alarms not yet closed: the disposal tickets a downgrade waits for. */
  openTicketIds: string[];
  lastTicketClosedAt: number | null;
  lastAbnormalAt: number | null;
  /** Some alarm of the group still has its condition active (the reading is abnormal right now). */
  conditionActive: boolean;
  lastConfirmedAlarmAt: number | null;
  confirmedYellowCount30d: number;
}

const DAY_MS = 86_400_000;
const YELLOW_WINDOW_MS = 30 * DAY_MS; // DOMAIN.md §b.2: ≥ 3 confirmed yellow alarms in 30 days

const dispatched = (a: AlarmRecord): boolean => a.workflow.reached?.dispatched !== undefined;
const terminal = (a: AlarmRecord): boolean => TERMINAL_STATES.includes(a.state);
const latest = (values: readonly number[]): number | null =>
  values.length === 0 ? null : Math.max(...values);

/** One open alarm as the model sees it; `confined` says whether its sensor sits in a confined space. */
export function toOpenAlarmInfo(a: AlarmRecord, confined: boolean): OpenAlarmInfo {
  return {
    alarmId: a.id,
    deviceId: a.deviceId ?? '',
    ruleId: a.ruleId,
    metric: a.metric ?? '',
    level: a.level,
    // An alarm without a reading (device health, offline) carries no magnitude.
    value: a.value ?? 0,
    threshold: a.threshold ?? 0,
    confirmed: isConfirmed(a.workflow),
    falseAlarm: a.state === 'dismissed',
    adjacentConfinedSpace: confined,
  };
}

/**
 * When the asset last showed an abnormal reading: now while a condition is still active, else when the
 * data returned to normal. A dismissed (false) alarm is not abnormal data.
 */
const activeNow = (a: AlarmRecord): boolean => a.conditionActive && !terminal(a);

function lastAbnormal(alarms: readonly AlarmRecord[], now: number): number | null {
  const times = alarms
    .filter((a) => a.state !== 'dismissed')
    .map((a) => (activeNow(a) ? now : (a.workflow.normalSince ?? a.raisedAt)));
  return latest(times);
}

/** The alarm inputs of one asset's group; `confinedAssetIds` are the members that are confined spaces. */
export function alarmInputs(
  alarms: readonly AlarmRecord[],
  confinedAssetIds: ReadonlySet<string>,
  now: number,
): AlarmDerivedInputs {
  const open = alarms.filter((a) => countsAsOpen(a.state));
  const confirmed = alarms.filter((a) => isConfirmed(a.workflow));
  return {
    openAlarms: open.map((a) => toOpenAlarmInfo(a, confinedAssetIds.has(a.assetId))),
    openAlarmIds: open.map((a) => a.id),
    openTicketIds: alarms.filter((a) => dispatched(a) && !terminal(a)).map((a) => a.id),
    lastTicketClosedAt: latest(
      alarms.filter((a) => a.state === 'closed' && a.closedAt !== null).map((a) => a.closedAt as number),
    ),
    lastAbnormalAt: lastAbnormal(alarms, now),
    conditionActive: alarms.some(activeNow),
    lastConfirmedAlarmAt: latest(confirmed.map((a) => a.raisedAt)),
    confirmedYellowCount30d: confirmed.filter(
      (a) => a.level === 'general' && a.raisedAt > now - YELLOW_WINDOW_MS,
    ).length,
  };
}
