import { ApiProperty } from '@nestjs/swagger';
import { DOMAINS, RISK_LEVELS } from '#contracts';
import { ALARM_STATES, dueTimes, isShelved, nextEscalation, SLA_STAGES, type WorkflowAlarm } from '#domain';
import type { AlarmEventRow } from '../core/alarm-events.repository.js';
import type { AlarmPolicy } from '../core/alarm-policy.js';
import { recordOf, type AlarmRow } from '../core/alarm-record.js';

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

export class SlaStageView {
  @ApiProperty({ enum: SLA_STAGES }) stage!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ type: String, nullable: true }) doneAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null while pending' }) met!: boolean | null;
  @ApiProperty({ description: 'Pending and past its due time' }) overdue!: boolean;
  @ApiProperty({ description: 'Already escalated by the SLA scheduler' }) escalated!: boolean;
}

export class SlaView {
  @ApiProperty({ type: [SlaStageView] }) stages!: SlaStageView[];
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'When the scheduler escalates next' })
  nextEscalationAt!: string | null;
}

export class AlarmView {
  @ApiProperty() id!: string;
  @ApiProperty() assetId!: string;
  @ApiProperty() ownerUnitId!: string;
  @ApiProperty({ enum: DOMAINS }) domain!: string;
  @ApiProperty() district!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty() ruleVersion!: string;
  @ApiProperty({ type: String, nullable: true }) deviceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) metric!: string | null;
  @ApiProperty({ enum: RISK_LEVELS, description: 'Highest level reached' }) level!: string;
  @ApiProperty({ enum: RISK_LEVELS, nullable: true, description: 'Level of the condition now' })
  conditionLevel!: string | null;
  @ApiProperty({ enum: ALARM_STATES }) state!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ type: Number, nullable: true }) threshold!: number | null;
  @ApiProperty() conditionActive!: boolean;
  @ApiProperty({ type: Object, nullable: true }) acknowledged!: { by: string; at: string } | null;
  @ApiProperty({ type: String, nullable: true }) shelvedUntil!: string | null;
  @ApiProperty() shelved!: boolean;
  @ApiProperty() outOfService!: boolean;
  @ApiProperty({ description: 'Raised inside a maintenance window' }) suppressed!: boolean;
  @ApiProperty() chattering!: boolean;
  @ApiProperty({ type: String, nullable: true }) incidentId!: string | null;
  @ApiProperty({ type: String, nullable: true }) previousAlarmId!: string | null;
  @ApiProperty() escalations!: number;
  @ApiProperty({ type: [String] }) escalatedStages!: string[];
  @ApiProperty() sequence!: number;
  @ApiProperty() raisedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: SlaView }) sla!: SlaView;
}

export class AlarmEventView {
  @ApiProperty() sequence!: number;
  @ApiProperty({ example: 'alarm.acknowledged' }) type!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'token:…' }) actor!: string;
  @ApiProperty() role!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
  @ApiProperty() suppressed!: boolean;
}

export class AlarmDetailView extends AlarmView {
  @ApiProperty({ type: [AlarmEventView] }) events!: AlarmEventView[];
}

export class AlarmPage {
  @ApiProperty({ type: [AlarmView] }) items!: AlarmView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

function slaOf(w: WorkflowAlarm, now: number, policy: AlarmPolicy): SlaView {
  const stages = dueTimes(w, policy.sla).map((d) => ({
    stage: d.stage,
    dueAt: new Date(d.dueAt).toISOString(),
    doneAt: iso(d.doneAt),
    met: d.met,
    overdue: d.doneAt === null && now > d.dueAt,
    escalated: w.escalatedStages.includes(d.stage),
  }));
  return {
    stages,
    overdue: stages.some((s) => s.overdue),
    nextEscalationAt: iso(nextEscalation(w, now, policy.sla)?.at),
  };
}

export function toAlarmView(row: AlarmRow, now: number, policy: AlarmPolicy): AlarmView {
  const r = recordOf(row);
  const w = r.workflow;
  return {
    id: w.id,
    assetId: w.assetId,
    ownerUnitId: w.ownerUnitId,
    domain: r.domain,
    district: r.district,
    ruleId: w.ruleId,
    ruleVersion: r.ruleVersion,
    deviceId: r.deviceId,
    metric: r.metric,
    level: w.level,
    conditionLevel: r.conditionLevel,
    state: w.state,
    value: r.value,
    threshold: r.threshold,
    conditionActive: r.conditionActive,
    acknowledged: w.acknowledged
      ? { by: w.acknowledged.by, at: new Date(w.acknowledged.at).toISOString() }
      : null,
    shelvedUntil: iso(w.shelvedUntil),
    shelved: isShelved(w, now),
    outOfService: w.outOfService,
    suppressed: r.suppressed,
    chattering: r.chattering,
    incidentId: r.incidentId,
    previousAlarmId: r.previousAlarmId,
    escalations: w.escalations,
    escalatedStages: w.escalatedStages,
    sequence: w.sequence,
    raisedAt: new Date(w.raisedAt).toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: iso(row.closed_at?.getTime()),
    sla: slaOf(w, now, policy),
  };
}

export function toAlarmEventView(row: AlarmEventRow): AlarmEventView {
  return {
    sequence: row.sequence,
    type: row.type,
    at: row.at.toISOString(),
    actor: row.actor,
    role: row.role,
    reason: row.reason,
    from: row.from_state,
    to: row.to_state,
    detail: row.detail,
    suppressed: row.suppressed,
  };
}
