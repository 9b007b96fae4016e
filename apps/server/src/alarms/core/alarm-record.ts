import type { Insertable, Selectable } from 'kysely';
import type { Domain } from '#contracts';
import { dueTimes, nextEscalation, TERMINAL_STATES, type AlarmLevel, type WorkflowAlarm } from '#domain';
import type { AlarmTable } from '#postgres';
import type { AlarmPolicy } from './alarm-policy.js';

export type AlarmRow = Selectable<AlarmTable>;

/**
 * One alarm as the application handles it: the pure workflow record (state, flags, SLA clocks) plus what
 * the rule engine observed (device, metric, value, condition). Ids, level, state and sequence live in
 * `workflow` only, so the two can never disagree.
 */
export interface AlarmRecord {
  workflow: WorkflowAlarm;
  domain: Domain;
  district: string;
  ruleVersion: string;
  deviceId: string | null;
  metric: string | null;
  conditionLevel: AlarmLevel | null;
  value: number | null;
  threshold: number | null;
  conditionActive: boolean;
  /** Raised inside a maintenance window. */
  suppressed: boolean;
  chattering: boolean;
  incidentId: string | null;
  previousAlarmId: string | null;
}

export function recordOf(row: AlarmRow): AlarmRecord {
  return {
    workflow: row.workflow as unknown as WorkflowAlarm,
    domain: row.domain as Domain,
    district: row.district,
    ruleVersion: row.rule_version,
    deviceId: row.device_id,
    metric: row.metric,
    conditionLevel: row.condition_level as AlarmLevel | null,
    value: row.value,
    threshold: row.threshold,
    conditionActive: row.condition_active,
    suppressed: row.suppressed,
    chattering: row.chattering,
    incidentId: row.incident_id,
    previousAlarmId: row.previous_alarm_id,
  };
}

const at = (ms: number | null | undefined): Date | null =>
  ms === null || ms === undefined ? null : new Date(ms);

/**
 * The times the schedulers and `overdue=true` query on, derived from the workflow record at `now`
 * (sla.ts, workflow-model.ts verification windows), so SQL never re-implements the SLA rules.
 */
export function dueColumns(
  alarm: WorkflowAlarm,
  now: number,
  policy: AlarmPolicy,
): Pick<AlarmRow, 'overdue_at' | 'escalation_due_at' | 'close_due_at'> {
  if (TERMINAL_STATES.includes(alarm.state))
    return { overdue_at: null, escalation_due_at: null, close_due_at: null };
  const pending = dueTimes(alarm, policy.sla).filter((d) => d.doneAt === null);
  const overdue = pending.length === 0 ? null : Math.min(...pending.map((d) => d.dueAt));
  const escalation = nextEscalation(alarm, now, policy.sla)?.at ?? null;
  let close: number | null = null;
  if (alarm.state === 'resolved' && alarm.normalSince !== null) {
    const since = Math.max(alarm.normalSince, alarm.reached.resolved ?? alarm.normalSince);
    close = since + policy.workflow.verificationWindowMs[alarm.level];
  }
  return { overdue_at: at(overdue), escalation_due_at: at(escalation), close_due_at: at(close) };
}

/** The full row of a record as of `now`. */
export function rowOf(record: AlarmRecord, now: number, policy: AlarmPolicy): Insertable<AlarmTable> {
  const w = record.workflow;
  const terminal = TERMINAL_STATES.includes(w.state);
  return {
    id: w.id,
    asset_id: w.assetId,
    owner_unit_id: w.ownerUnitId,
    domain: record.domain,
    district: record.district,
    rule_id: w.ruleId,
    rule_version: record.ruleVersion,
    device_id: record.deviceId,
    metric: record.metric,
    level: w.level,
    condition_level: record.conditionLevel,
    state: w.state,
    value: record.value,
    threshold: record.threshold,
    condition_active: record.conditionActive,
    suppressed: record.suppressed,
    chattering: record.chattering,
    incident_id: record.incidentId,
    previous_alarm_id: record.previousAlarmId,
    workflow: JSON.stringify(w),
    sequence: w.sequence,
    raised_at: new Date(w.raisedAt),
    updated_at: new Date(now),
    closed_at: terminal ? new Date(w.stateSince) : null,
    ...dueColumns(w, now, policy),
  };
}
