import { compareLevels } from '../risk/risk-matrix.js';
import type { AlarmLevel } from './alarm-rules.js';
import {
  DEFAULT_WORKFLOW_CONFIG,
  EVENT_TYPES,
  ROLE_ACTIONS,
  STATE_TRANSITIONS,
  TERMINAL_STATES,
  WORKFLOW_ACTIONS,
  type Actor,
  type AlarmState,
  type WorkflowAlarm,
  type WorkflowCommand,
  type WorkflowConfig,
  type WorkflowError,
  type WorkflowErrorCode,
  type WorkflowEvent,
  type WorkflowResult,
} from './workflow-model.js';

export interface RaiseInput {
  id: string;
  assetId: string;
  ownerUnitId: string;
  ruleId: string;
  level: AlarmLevel;
  reason: string;
}

type Change = { alarm: WorkflowAlarm; detail?: WorkflowEvent['detail'] } | { error: WorkflowError };

const fail = (code: WorkflowErrorCode, message: string): { error: WorkflowError } => ({
  error: { code, message },
});

/** A new alarm in state `raised` and its `alarm.raised` event (sequence 1). */
export function raiseAlarm(input: RaiseInput, now: number): { alarm: WorkflowAlarm; event: WorkflowEvent } {
  const alarm: WorkflowAlarm = {
    ...input,
    state: 'raised',
    raisedAt: now,
    stateSince: now,
    reached: { raised: now },
    acknowledged: null,
    shelvedUntil: null,
    outOfService: false,
    escalations: 0,
    escalatedStages: [],
    normalSince: null,
    sequence: 1,
  };
  const event: WorkflowEvent = {
    type: 'alarm.raised',
    alarmId: input.id,
    at: now,
    actor: 'rule-engine',
    role: 'system',
    reason: input.reason,
    from: 'raised',
    to: 'raised',
    sequence: 1,
    detail: { level: input.level, ruleId: input.ruleId },
  };
  return { alarm, event };
}

/** True while the alarm holds up the risk level: not yet made safe (DOMAIN.md §b.3 day 4 — a resolved alarm no longer counts). */
export function countsAsOpen(state: AlarmState): boolean {
  return state !== 'resolved' && !TERMINAL_STATES.includes(state);
}

/** True once the monitoring centre verified the alarm or it was dispatched (major alarms skip verification); never for a dismissed one. */
export function isConfirmed(alarm: WorkflowAlarm): boolean {
  return (
    alarm.state !== 'dismissed' &&
    (alarm.reached.verified !== undefined || alarm.reached.dispatched !== undefined)
  );
}

/** True while a shelve is in force at `now`. */
export function isShelved(alarm: WorkflowAlarm, now: number): boolean {
  return alarm.shelvedUntil !== null && alarm.shelvedUntil > now;
}

/** Records whether the alarm condition is active (from the rule evaluator); starts or stops the normal-data clock. */
export function noteCondition(alarm: WorkflowAlarm, active: boolean, at: number): WorkflowAlarm {
  if (active) return alarm.normalSince === null ? alarm : { ...alarm, normalSince: null };
  return alarm.normalSince === null ? { ...alarm, normalSince: at } : alarm;
}

/** Actions the system should take at once (auto-dispatch of `autoDispatchLevels` from `raised`). */
export function autoActions(
  alarm: WorkflowAlarm,
  config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG,
): WorkflowCommand[] {
  if (alarm.state === 'raised' && config.autoDispatchLevels.includes(alarm.level)) {
    return [{ type: 'dispatch', reason: `auto-dispatch: ${alarm.level} alarms skip verification` }];
  }
  return [];
}

// Commands arrive from HTTP bodies: unknown actions, roles or a missing reason are errors, not exceptions.
function authorise(alarm: WorkflowAlarm, command: WorkflowCommand, actor: Actor): WorkflowError | null {
  if (!(WORKFLOW_ACTIONS as readonly string[]).includes(command.type))
    return { code: 'INVALID_TRANSITION', message: `unknown action ${String(command.type)}` };
  const allowed = (ROLE_ACTIONS as Partial<Record<string, readonly string[]>>)[actor.role] ?? [];
  if (!allowed.includes(command.type))
    return { code: 'FORBIDDEN_ROLE', message: `role ${actor.role} may not ${command.type}` };
  if (actor.role === 'utility' && actor.ownerUnitId !== alarm.ownerUnitId) {
    return { code: 'FORBIDDEN_UNIT', message: `alarm ${alarm.id} belongs to another owner unit` };
  }
  if (typeof command.reason !== 'string' || command.reason.trim() === '')
    return { code: 'REASON_REQUIRED', message: `${command.type} needs a reason or note` };
  return null;
}

function move(
  alarm: WorkflowAlarm,
  command: WorkflowCommand,
  actor: Actor,
  now: number,
  config: WorkflowConfig,
): Change {
  const transition = STATE_TRANSITIONS[command.type];
  if (!transition) return fail('INVALID_TRANSITION', `${command.type} does not change state`);
  const autoDispatch =
    command.type === 'dispatch' &&
    alarm.state === 'raised' &&
    config.autoDispatchLevels.includes(alarm.level);
  if (!transition.from.includes(alarm.state) && !autoDispatch)
    return fail('INVALID_TRANSITION', `cannot ${command.type} an alarm in state ${alarm.state}`);
  if (command.type === 'close') {
    const blocked = closeBlocked(alarm, command, actor, now, config);
    if (blocked) return { error: blocked };
  }
  const reached = { ...alarm.reached, [transition.to]: alarm.reached[transition.to] ?? now };
  const next: WorkflowAlarm = { ...alarm, state: transition.to, stateSince: now, reached };
  // A relapse means the condition is active again: the normal-data clock restarts.
  return {
    alarm: command.type === 'reopen' ? { ...next, normalSince: null } : next,
    detail: { skippedVerification: autoDispatch, forced: command.force === true },
  };
}

function closeBlocked(
  alarm: WorkflowAlarm,
  command: WorkflowCommand,
  actor: Actor,
  now: number,
  config: WorkflowConfig,
): WorkflowError | null {
  if (command.force)
    return actor.role === 'admin'
      ? null
      : { code: 'FORCE_REQUIRES_ADMIN', message: 'only an admin may close before the verification window' };
  const window = config.verificationWindowMs[alarm.level];
  const since =
    alarm.normalSince === null
      ? null
      : Math.max(alarm.normalSince, alarm.reached.resolved ?? alarm.normalSince);
  if (since === null || now - since < window) {
    return {
      code: 'VERIFICATION_WINDOW_NOT_MET',
      message: `${alarm.level} alarms close after ${window / 3_600_000} h of normal data (DOMAIN.md §c.3)`,
    };
  }
  return null;
}

function shelve(alarm: WorkflowAlarm, command: WorkflowCommand, now: number, config: WorkflowConfig): Change {
  if (isShelved(alarm, now)) return fail('ALREADY_SHELVED', `shelved until ${alarm.shelvedUntil}`);
  if (command.until === undefined || !Number.isFinite(command.until) || command.until <= now)
    return fail('SHELVE_UNTIL_INVALID', 'shelve needs an `until` in the future');
  const max = config.maxShelveMs[alarm.level];
  if (command.until - now > max)
    return fail('SHELVE_TOO_LONG', `${alarm.level} alarms may be shelved for at most ${max / 60_000} min`);
  return { alarm: { ...alarm, shelvedUntil: command.until }, detail: { until: command.until } };
}

function escalate(alarm: WorkflowAlarm, command: WorkflowCommand): Change {
  if (command.level !== undefined && compareLevels(command.level, alarm.level) <= 0)
    return fail('LEVEL_NOT_HIGHER', `${command.level} is not above ${alarm.level}`);
  const stages =
    command.stage === undefined || alarm.escalatedStages.includes(command.stage)
      ? alarm.escalatedStages
      : [...alarm.escalatedStages, command.stage];
  const next = {
    ...alarm,
    level: command.level ?? alarm.level,
    escalations: alarm.escalations + 1,
    escalatedStages: stages,
  };
  return {
    alarm: next,
    detail: {
      escalations: next.escalations,
      level: next.level,
      from_level: alarm.level,
      stage: command.stage ?? null,
    },
  };
}

function change(
  alarm: WorkflowAlarm,
  command: WorkflowCommand,
  actor: Actor,
  now: number,
  config: WorkflowConfig,
): Change {
  switch (command.type) {
    case 'acknowledge':
      return alarm.acknowledged
        ? fail('ALREADY_ACKNOWLEDGED', `acknowledged by ${alarm.acknowledged.by}`)
        : { alarm: { ...alarm, acknowledged: { by: actor.id, at: now } } };
    case 'shelve':
      return shelve(alarm, command, now, config);
    case 'unshelve':
      return isShelved(alarm, now)
        ? { alarm: { ...alarm, shelvedUntil: null } }
        : fail('NOT_SHELVED', 'the alarm is not shelved');
    case 'out_of_service':
      return alarm.outOfService
        ? fail('ALREADY_OUT_OF_SERVICE', 'already out of service')
        : { alarm: { ...alarm, outOfService: true } };
    case 'return_to_service':
      return alarm.outOfService
        ? { alarm: { ...alarm, outOfService: false } }
        : fail('NOT_OUT_OF_SERVICE', 'the alarm is in service');
    case 'escalate':
      return escalate(alarm, command);
    case 'verify':
    case 'dismiss':
    case 'dispatch':
    case 'accept':
    case 'arrive':
    case 'resolve':
    case 'close':
    case 'reopen':
      return move(alarm, command, actor, now, config);
  }
}

/** Applies one workflow action; never throws for a bad action: returns an error with a code instead. */
export function apply(
  alarm: WorkflowAlarm,
  command: WorkflowCommand,
  actor: Actor,
  now: number,
  config: WorkflowConfig = DEFAULT_WORKFLOW_CONFIG,
): WorkflowResult {
  const denied = authorise(alarm, command, actor);
  if (denied) return { ok: false, error: denied };
  if (TERMINAL_STATES.includes(alarm.state))
    return {
      ok: false,
      error: { code: 'INVALID_TRANSITION', message: `alarm ${alarm.id} is ${alarm.state}` },
    };
  const result = change(alarm, command, actor, now, config);
  if ('error' in result) return { ok: false, error: result.error };
  const sequence = alarm.sequence + 1;
  const event: WorkflowEvent = {
    type: EVENT_TYPES[command.type],
    alarmId: alarm.id,
    at: now,
    actor: actor.id,
    role: actor.role,
    reason: command.reason.trim(),
    from: alarm.state,
    to: result.alarm.state,
    sequence,
    detail: result.detail ?? {},
  };
  return { ok: true, alarm: { ...result.alarm, sequence }, event };
}
