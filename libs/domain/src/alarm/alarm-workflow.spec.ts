import { apply, autoActions, countsAsOpen, isShelved, noteCondition, raiseAlarm } from './alarm-workflow.js';
import type { AlarmLevel } from './alarm-rules.js';
import {
  ALARM_STATES,
  type AlarmState,
  type WorkflowAction,
  type WorkflowAlarm,
  type WorkflowCommand,
} from './workflow-model.js';
import {
  ADMIN,
  HOUR,
  MIN,
  MONITOR,
  OPERATOR,
  raised,
  SYSTEM,
  T0,
  TO_RESOLVED,
  UTILITY,
  walk,
  type Step,
} from './workflow.fixture.js';

describe('alarm workflow (DOMAIN.md §c.3, PEERS.md §2)', () => {
  it('raises with event sequence 1', () => {
    const { alarm, event } = raiseAlarm(
      {
        id: 'AL-9',
        assetId: 'A',
        ownerUnitId: 'gas-co',
        ruleId: 'gas.ch4_lel',
        level: 'major',
        reason: 'ch4 52',
      },
      T0,
    );
    expect(alarm).toMatchObject({ state: 'raised', sequence: 1, reached: { raised: T0 } });
    expect(event).toMatchObject({ type: 'alarm.raised', sequence: 1, at: T0, from: 'raised', to: 'raised' });
  });

  it.each<[string, AlarmLevel, Step[], AlarmState]>([
    [
      'verify → dispatch → accept → arrive → resolve → close',
      'general',
      [...TO_RESOLVED, ['close', MONITOR, 9 * HOUR]],
      'closed',
    ],
    ['dismiss as a false alarm', 'general', [['dismiss', OPERATOR, 10 * MIN]], 'dismissed'],
    [
      'major skips verification',
      'major',
      [
        ['dispatch', SYSTEM, MIN],
        ['accept', UTILITY, 5 * MIN],
        ['arrive', UTILITY, 25 * MIN],
        ['resolve', UTILITY, 2 * HOUR],
      ],
      'resolved',
    ],
    [
      'major may still be verified first',
      'major',
      [
        ['verify', OPERATOR, MIN],
        ['dispatch', OPERATOR, 2 * MIN],
      ],
      'dispatched',
    ],
    [
      'relapse: resolve → reopen → dispatch again → resolve',
      'general',
      [
        ...TO_RESOLVED,
        ['reopen', SYSTEM, 4 * HOUR],
        ['dispatch', OPERATOR, 4.2 * HOUR],
        ['accept', UTILITY, 4.5 * HOUR],
        ['arrive', UTILITY, 5 * HOUR],
        ['resolve', UTILITY, 6 * HOUR],
      ],
      'resolved',
    ],
    [
      'admin forces an early close with a reason',
      'major',
      [
        ['dispatch', SYSTEM, MIN],
        ['accept', UTILITY, 2 * MIN],
        ['arrive', UTILITY, 3 * MIN],
        ['resolve', UTILITY, 4 * MIN],
        ['close', ADMIN, 5 * MIN, { force: true }],
      ],
      'closed',
    ],
  ])('legal path: %s', (_label, level, steps, final) => {
    // Normal data from 3 h on (the condition cleared when the owner fixed it).
    const { alarm, events } = walk(noteCondition(raised(level), false, T0 + 3 * HOUR), steps);
    expect(alarm.state).toBe(final);
    expect(events.map((e) => e.sequence)).toEqual(steps.map((_s, i) => i + 2));
    expect(alarm.sequence).toBe(steps.length + 1);
    events.forEach((e, i) => {
      expect(e).toMatchObject({
        actor: steps[i][1].id,
        role: steps[i][1].role,
        reason: `${steps[i][0]} note`,
        at: T0 + steps[i][2],
      });
      if (i > 0) expect(e.from).toBe(events[i - 1].to);
    });
  });

  it('restarts the normal-data clock on relapse, then closes after a fresh window', () => {
    const relapsed = walk(noteCondition(raised(), false, T0 + 3 * HOUR), [
      ...TO_RESOLVED,
      ['reopen', SYSTEM, 4 * HOUR],
    ]).alarm;
    expect(relapsed).toMatchObject({ state: 'reopened', normalSince: null });
    const again = walk(relapsed, [
      ['dispatch', OPERATOR, 4.2 * HOUR],
      ['accept', UTILITY, 4.5 * HOUR],
      ['arrive', UTILITY, 5 * HOUR],
      ['resolve', UTILITY, 6 * HOUR],
    ]).alarm;
    const normal = noteCondition(again, false, T0 + 6 * HOUR);
    expect(apply(normal, { type: 'close', reason: 'x' }, SYSTEM, T0 + 11 * HOUR).ok).toBe(false);
    const closed = apply(
      normal,
      { type: 'close', reason: 'verified 6 h of normal data' },
      SYSTEM,
      T0 + 12 * HOUR,
    );
    expect(closed.ok && closed.alarm.state).toBe('closed');
    expect(closed.ok && closed.alarm.reached).toMatchObject({
      dispatched: T0 + 10 * MIN,
      reopened: T0 + 4 * HOUR,
      closed: T0 + 12 * HOUR,
    });
  });

  it.each<[WorkflowAction, Partial<WorkflowCommand>, Partial<WorkflowAlarm>]>([
    ['acknowledge', {}, { acknowledged: { by: 'op-1', at: T0 + MIN } }],
    ['shelve', { until: T0 + 2 * HOUR }, { shelvedUntil: T0 + 2 * HOUR }],
    ['out_of_service', {}, { outOfService: true }],
    ['escalate', { stage: 'confirm' }, { escalations: 1, escalatedStages: ['confirm'] }],
    ['escalate', { level: 'larger' }, { escalations: 1, level: 'larger' }],
  ])('flag %s leaves the state alone', (type, extra, expected) => {
    const result = apply(raised(), { type, reason: 'note', ...extra }, OPERATOR, T0 + MIN);
    expect(result.ok && result.alarm).toMatchObject({ state: 'raised', ...expected });
    expect(result.ok && result.event).toMatchObject({ from: 'raised', to: 'raised', sequence: 2 });
  });

  it.each<[AlarmState, boolean]>(
    ALARM_STATES.map((s) => [s, !['resolved', 'closed', 'dismissed'].includes(s)]),
  )('countsAsOpen(%s) = %p', (state, open) => {
    expect(countsAsOpen(state)).toBe(open);
  });

  it.each<[AlarmLevel, number]>([
    ['major', 1],
    ['larger', 0],
  ])('auto-dispatches %s alarms (%i action)', (level, count) => {
    expect(autoActions(raised(level))).toHaveLength(count);
  });

  it('lets the rule engine auto-shelve a chattering alarm, within the level maximum', () => {
    const shelved = apply(
      raised('larger'),
      { type: 'shelve', reason: 'chattering: auto-shelved once', until: T0 + 2 * HOUR },
      SYSTEM,
      T0,
    );
    expect(shelved.ok && shelved.alarm.shelvedUntil).toBe(T0 + 2 * HOUR);
    const tooLong = apply(
      raised('larger'),
      { type: 'shelve', reason: 'x', until: T0 + 3 * HOUR },
      SYSTEM,
      T0,
    );
    expect(tooLong.ok ? null : tooLong.error.code).toBe('SHELVE_TOO_LONG');
  });

  it('tracks the normal-data clock and shelving', () => {
    const normal = noteCondition(raised(), false, T0 + HOUR);
    expect(noteCondition(normal, false, T0 + 2 * HOUR).normalSince).toBe(T0 + HOUR);
    expect(noteCondition(normal, true, T0 + 3 * HOUR).normalSince).toBeNull();
    const shelved = walk(raised(), [['shelve', OPERATOR, MIN, { until: T0 + HOUR }]]).alarm;
    expect([isShelved(shelved, T0 + 30 * MIN), isShelved(shelved, T0 + HOUR)]).toEqual([true, false]);
  });
});
