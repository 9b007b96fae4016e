import { apply, autoActions, raiseAlarm, type Actor, type WorkflowAlarm } from '#domain';
import { alarmInputs } from './alarm-inputs.js';
import type { AlarmRecord } from './risk-inputs.repository.js';

const NOW = Date.UTC(2026, 2, 10, 4, 0);
const DAY = 86_400_000;
const ANALYST: Actor = { id: 'analyst', role: 'operator' };
const SYSTEM: Actor = { id: 'engine', role: 'system' };

function workflow(
  id: string,
  level: AlarmRecord['level'],
  actions: ('verify' | 'dismiss')[],
  at: number,
): WorkflowAlarm {
  let w = raiseAlarm(
    { id, assetId: 'MH', ownerUnitId: 'gas-co', ruleId: 'gas.ch4_lel', level, reason: 'r' },
    at,
  ).alarm;
  for (const c of autoActions(w)) w = (apply(w, c, SYSTEM, at) as { alarm: WorkflowAlarm }).alarm;
  for (const type of actions)
    w = (apply(w, { type, reason: 'x' }, ANALYST, at) as { alarm: WorkflowAlarm }).alarm;
  return w;
}

const alarm = (
  id: string,
  level: AlarmRecord['level'],
  actions: ('verify' | 'dismiss')[] = [],
  at = NOW - DAY,
): AlarmRecord => {
  const w = workflow(id, level, actions, at);
  return {
    id,
    assetId: 'MH',
    deviceId: 'DEV',
    ruleId: 'gas.ch4_lel',
    metric: 'ch4_lel',
    level,
    state: w.state,
    value: 30,
    threshold: 25,
    conditionActive: true,
    workflow: w,
    raisedAt: at,
    closedAt: null,
  };
};

describe('alarm inputs of the risk model (DOMAIN.md §b.2)', () => {
  it('maps open alarms, confirmation, false alarms and the confined-space flag', () => {
    const inputs = alarmInputs(
      [alarm('red', 'major'), alarm('yellow', 'general'), alarm('false', 'general', ['dismiss'])],
      new Set(['MH']),
      NOW,
    );
    expect(inputs.openAlarmIds).toEqual(['red', 'yellow']);
    expect(inputs.openAlarms).toEqual([
      expect.objectContaining({
        alarmId: 'red',
        confirmed: true,
        falseAlarm: false,
        adjacentConfinedSpace: true,
      }),
      expect.objectContaining({ alarmId: 'yellow', confirmed: false }),
    ]);
    expect(inputs.openTicketIds).toEqual(['red']); // auto-dispatched: a disposal ticket
    expect(inputs.conditionActive).toBe(true);
    expect(inputs.lastAbnormalAt).toBe(NOW);
  });

  it('counts confirmed yellow alarms of the last 30 days only', () => {
    const alarms = [
      alarm('y1', 'general', ['verify'], NOW - DAY),
      alarm('y2', 'general', ['verify'], NOW - 10 * DAY),
      alarm('y3', 'general', ['verify'], NOW - 31 * DAY),
      alarm('y4', 'general', [], NOW - DAY),
    ];
    expect(alarmInputs(alarms, new Set(), NOW)).toMatchObject({
      confirmedYellowCount30d: 2,
      lastConfirmedAlarmAt: NOW - DAY,
    });
  });
});
