import { isEventType, type AlarmEventData, type RiskLevel } from '#contracts';
import type { WorkflowEvent } from '#domain';
import type { NewPlatformEvent } from '../../events/events.service.js';
import type { AlarmRecord } from './alarm-record.js';

/** What a notice says about one alarm event (the subset of WorkflowEvent a held notice keeps too). */
export type NoticeEvent = Pick<WorkflowEvent, 'type' | 'sequence' | 'at' | 'actor' | 'reason'>;

export interface NoticeOptions {
  /** Recorded inside a maintenance window: streamed to the console, held back from the utility. */
  suppressed: boolean;
  /** The asset's risk level (risk service); the alarm's own level before the asset was first graded. */
  riskLevel: string | null;
  publicUrl: string;
  /** Extra members (e.g. `releasedFrom` when a held notice goes out after its window). */
  extra?: Record<string, unknown>;
}

/** `data` of an alarm.* platform event (CONTRACT.md §2) plus the rule and noise flags the console shows. */
export function alarmEventData(
  record: AlarmRecord,
  event: NoticeEvent,
  options: NoticeOptions,
): AlarmEventData & Record<string, unknown> {
  const w = record.workflow;
  return {
    alarmId: w.id,
    sequence: event.sequence,
    assetId: w.assetId,
    ...(record.deviceId ? { deviceId: record.deviceId } : {}),
    domain: record.domain,
    level: w.level,
    riskLevel: (options.riskLevel as RiskLevel | null) ?? w.level,
    state: w.state,
    ...(record.metric ? { metric: record.metric } : {}),
    ...(record.value !== null ? { value: record.value } : {}),
    ...(record.threshold !== null ? { threshold: record.threshold } : {}),
    ownerUnitId: w.ownerUnitId,
    occurredAt: new Date(event.at).toISOString(),
    actor: event.actor,
    reason: event.reason,
    ruleId: w.ruleId,
    ruleVersion: record.ruleVersion,
    conditionActive: record.conditionActive,
    shelved: w.shelvedUntil !== null && w.shelvedUntil > event.at,
    chattering: record.chattering,
    suppressed: options.suppressed,
    links: { self: `${options.publicUrl}/api/v1/alarms/${w.id}` },
    ...options.extra,
  };
}

/** Platform events for the alarm events that have a contract name (history-only ones stay in alarm_events). */
export function platformEventsOf(
  record: AlarmRecord,
  events: readonly NoticeEvent[],
  options: NoticeOptions,
): NewPlatformEvent[] {
  return events.flatMap((event) => {
    const type = event.type;
    if (!isEventType(type)) return [];
    return [
      {
        type,
        at: new Date(event.at),
        assetId: record.workflow.assetId,
        ownerUnitId: record.workflow.ownerUnitId,
        domain: record.domain,
        district: record.district,
        alarmId: record.workflow.id,
        suppressed: options.suppressed,
        data: alarmEventData(record, event, options),
      },
    ];
  });
}
