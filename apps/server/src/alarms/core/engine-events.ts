import type { WorkflowAlarm, WorkflowEvent } from '#domain';

/**
 * An event of the rule engine that changes no workflow state (condition cleared or returned, a
 * de-escalation of the condition, a flood grouping): recorded in the alarm's history with the next
 * sequence, like the events `apply` produces, so the history stays one gap-free sequence.
 */
export function engineEvent(
  alarm: WorkflowAlarm,
  type: string,
  reason: string,
  at: number,
  detail: WorkflowEvent['detail'] = {},
): { alarm: WorkflowAlarm; event: WorkflowEvent } {
  const sequence = alarm.sequence + 1;
  return {
    alarm: { ...alarm, sequence },
    event: {
      type,
      alarmId: alarm.id,
      at,
      actor: 'rule-engine',
      role: 'system',
      reason,
      from: alarm.state,
      to: alarm.state,
      sequence,
      detail,
    },
  };
}
