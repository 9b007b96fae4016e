import { apply, raiseAlarm } from './alarm-workflow.js';
import type { AlarmLevel } from './alarm-rules.js';
import type {
  Actor,
  WorkflowAction,
  WorkflowAlarm,
  WorkflowCommand,
  WorkflowEvent,
} from './workflow-model.js';

/** Test data for the workflow specs (not exported from the library index). */

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const T0 = Date.UTC(2026, 2, 3, 1, 0);

export const OPERATOR: Actor = { id: 'op-1', role: 'operator' };
export const MONITOR: Actor = { id: 'mon-1', role: 'monitor' };
export const ADMIN: Actor = { id: 'admin-1', role: 'admin' };
export const SYSTEM: Actor = { id: 'scheduler', role: 'system' };
export const UTILITY: Actor = { id: 'gas-co-1', role: 'utility', ownerUnitId: 'gas-co' };
export const OTHER_UTILITY: Actor = { id: 'water-co-1', role: 'utility', ownerUnitId: 'water-co' };
export const AUDITOR: Actor = { id: 'aud-1', role: 'auditor' };

/** A gas CH4 alarm of gas-co raised at T0. */
export const raised = (level: AlarmLevel = 'general'): WorkflowAlarm =>
  raiseAlarm(
    {
      id: 'AL-1',
      assetId: 'GAS-SEG-0001',
      ownerUnitId: 'gas-co',
      ruleId: 'gas.ch4_lel',
      level,
      reason: 'ch4_lel 12 ≥ 10',
    },
    T0,
  ).alarm;

/** [action, actor, offset from T0, extra command fields]. */
export type Step = [WorkflowAction, Actor, number, Partial<WorkflowCommand>?];

/** Applies the steps (each at T0 + offset), failing the test on the first error. */
export function walk(
  alarm: WorkflowAlarm,
  steps: readonly Step[],
): { alarm: WorkflowAlarm; events: WorkflowEvent[] } {
  const events: WorkflowEvent[] = [];
  let current = alarm;
  for (const [type, actor, offset, extra] of steps) {
    const result = apply(current, { type, reason: `${type} note`, ...extra }, actor, T0 + offset);
    if (!result.ok) throw new Error(`${type}: ${result.error.code} ${result.error.message}`);
    current = result.alarm;
    events.push(result.event);
  }
  return { alarm: current, events };
}

/** verify → dispatch → accept → arrive → resolve (3 h). */
export const TO_RESOLVED: Step[] = [
  ['verify', OPERATOR, 5 * MIN],
  ['dispatch', OPERATOR, 10 * MIN],
  ['accept', UTILITY, 20 * MIN],
  ['arrive', UTILITY, HOUR],
  ['resolve', UTILITY, 3 * HOUR],
];
