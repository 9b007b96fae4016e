import {
  apply,
  autoActions,
  compareLevels,
  isShelved,
  noteCondition,
  raiseAlarm,
  type Actor,
  type WorkflowAlarm,
  type WorkflowCommand,
  type WorkflowConfig,
  type WorkflowEvent,
} from '#domain';
import type { AlarmRecord } from '../core/alarm-record.js';
import type { AlarmChange } from '../core/alarm-writer.js';
import { engineEvent } from '../core/engine-events.js';
import type { AlarmWork } from './reading-evaluator.js';

/** The rule engine acting on alarms (workflow-model.ts role `system`). */
export const RULE_ENGINE: Actor = { id: 'rule-engine', role: 'system' };

export interface PlanInput {
  /** The open alarm of (asset, rule), if any. */
  open: AlarmRecord | null;
  work: AlarmWork;
  now: number;
  /** Id for a new alarm. */
  newId: string;
  previousAlarmId: string | null;
  suppressed: boolean;
  config: WorkflowConfig;
}

/** A workflow record being changed, with the events that change it (in order). */
class Draft {
  readonly events: WorkflowEvent[] = [];
  constructor(public alarm: WorkflowAlarm) {}

  /** Applies a command as the rule engine; a refusal (e.g. a level already reached) changes nothing. */
  act(command: WorkflowCommand, now: number, config: WorkflowConfig): boolean {
    const result = apply(this.alarm, command, RULE_ENGINE, now, config);
    if (!result.ok) return false;
    this.alarm = result.alarm;
    this.events.push(result.event);
    return true;
  }

  note(type: string, reason: string, now: number, detail: WorkflowEvent['detail'] = {}): void {
    const { alarm, event } = engineEvent(this.alarm, type, reason, now, detail);
    this.alarm = alarm;
    this.events.push(event);
  }
}

/**
 * How one rule transition changes the alarms of (asset, rule) (PEERS.md §5.C items 10–13), composed from
 * the pure workflow: raise a new alarm, fold into the open one (escalate, de-escalate, clear, condition
 * returned), reopen a resolved one on relapse, auto-dispatch (autoActions) and auto-shelve a chattering
 * alarm once. null when nothing about the alarm changes (the rule state is still saved).
 */
export function planTransition(input: PlanInput): AlarmChange | null {
  const { open, work } = input;
  const t = work.transition;
  if (!open) {
    // A de-escalation or a clear without an open alarm (it was closed or dismissed) is no news.
    return t.kind === 'raise' || t.kind === 'escalate' ? planRaise(input) : null;
  }
  const draft = new Draft(open.workflow);
  foldTransition(draft, input);
  const chatteringNow = work.chattering && !open.chattering;
  if (chatteringNow && !isShelved(draft.alarm, input.now)) {
    const until = input.now + input.config.maxShelveMs[draft.alarm.level];
    draft.act(
      {
        type: 'shelve',
        until,
        reason: `auto-shelved once: chattering (≥ 3 active↔clear transitions in 1 min, PEERS.md §2)`,
      },
      input.now,
      input.config,
    );
  }
  for (const command of autoActions(draft.alarm, input.config)) draft.act(command, input.now, input.config);
  const record: AlarmRecord = {
    ...open,
    workflow: draft.alarm,
    ...observed(work, open),
    chattering: open.chattering || work.chattering,
  };
  if (draft.events.length === 0 && sameObservation(open, record)) return null;
  return {
    record,
    previousSequence: open.workflow.sequence,
    events: draft.events,
    suppressed: input.suppressed,
  };
}

function foldTransition(draft: Draft, input: PlanInput): void {
  const { now, config } = input;
  const t = input.work.transition;
  switch (t.kind) {
    case 'raise':
    case 'escalate': {
      if (draft.alarm.state === 'resolved')
        draft.act({ type: 'reopen', reason: `relapse: ${t.reason}` }, now, config);
      const wasNormal = draft.alarm.normalSince !== null;
      draft.alarm = noteCondition(draft.alarm, true, now);
      const higher = t.level !== null && compareLevels(t.level, draft.alarm.level) > 0;
      if (higher) draft.act({ type: 'escalate', level: t.level ?? undefined, reason: t.reason }, now, config);
      else if (wasNormal && draft.events.length === 0)
        draft.note('alarm.condition_returned', t.reason, now, { level: t.level });
      return;
    }
    case 'deescalate':
      draft.note('alarm.deescalated', t.reason, now, { level: t.level, from_level: t.from });
      return;
    case 'clear':
      if (draft.alarm.normalSince !== null) return;
      draft.alarm = noteCondition(draft.alarm, false, now);
      draft.note('alarm.cleared', t.reason, now, { from_level: t.from });
      return;
  }
}

function planRaise(input: PlanInput): AlarmChange | null {
  const { work, now, config } = input;
  const t = work.transition;
  if (t.level === null) return null;
  const raised = raiseAlarm(
    {
      id: input.newId,
      assetId: work.asset.id,
      ownerUnitId: work.asset.ownerUnitId,
      ruleId: work.rule.id,
      level: t.level,
      reason: t.reason,
    },
    now,
  );
  const draft = new Draft(raised.alarm);
  draft.events.push(raised.event);
  for (const command of autoActions(draft.alarm, config)) draft.act(command, now, config);
  const record: AlarmRecord = {
    workflow: draft.alarm,
    domain: work.asset.domain,
    district: work.asset.district,
    ...observed(work),
    suppressed: input.suppressed,
    chattering: false,
    incidentId: null,
    previousAlarmId: input.previousAlarmId,
  };
  return { record, previousSequence: null, events: draft.events, suppressed: input.suppressed };
}

/**
 * What the engine saw at the transition and the rule version in force. value/threshold are those that
 * raised or escalated the alarm: a clear or de-escalation keeps them, so the alarm (and the risk model
 * reading it) still says how bad it got.
 */
function observed(work: AlarmWork, previous?: AlarmRecord) {
  const t = work.transition;
  const keepMagnitude = previous !== undefined && (t.kind === 'clear' || t.kind === 'deescalate');
  return {
    ruleVersion: work.ruleVersion,
    deviceId: work.deviceId,
    metric: work.rule.metric,
    conditionLevel: t.level,
    conditionActive: t.level !== null,
    value: keepMagnitude ? previous.value : t.value,
    threshold: keepMagnitude ? previous.threshold : t.threshold,
  };
}

function sameObservation(a: AlarmRecord, b: AlarmRecord): boolean {
  return (
    a.conditionLevel === b.conditionLevel &&
    a.conditionActive === b.conditionActive &&
    a.chattering === b.chattering &&
    a.value === b.value &&
    a.threshold === b.threshold
  );
}
