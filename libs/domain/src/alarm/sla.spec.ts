import type { AlarmLevel } from './alarm-rules.js';
import { raiseAlarm } from './alarm-workflow.js';
import { dueTimes, nextEscalation, overdue, type SlaStage } from './sla.js';
import type { WorkflowAlarm } from './workflow-model.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 3, 2, 0); // Tuesday 10:00 +08:00

const alarm = (level: AlarmLevel, over: Partial<WorkflowAlarm> = {}): WorkflowAlarm => ({
  ...raiseAlarm({ id: 'AL-1', assetId: 'A', ownerUnitId: 'gas-co', ruleId: 'r', level, reason: 'x' }, T0)
    .alarm,
  ...over,
});

const dues = (a: WorkflowAlarm): Record<string, number> =>
  Object.fromEntries(dueTimes(a).map((d) => [d.stage, d.dueAt - T0]));

describe('SLA timers (DOMAIN.md §c.1)', () => {
  it.each<[AlarmLevel, Record<string, number>]>([
    [
      'major',
      {
        confirm: 5 * MIN,
        dispatch: 10 * MIN,
        owner_ack: 20 * MIN,
        on_site: 40 * MIN,
        resolve: 10 * MIN + 4 * HOUR,
      },
    ],
    [
      'larger',
      {
        confirm: 15 * MIN,
        dispatch: 30 * MIN,
        owner_ack: 40 * MIN,
        on_site: 10 * MIN + 2 * HOUR,
        resolve: 10 * MIN + DAY,
      },
    ],
    [
      'general',
      {
        confirm: 30 * MIN,
        dispatch: 2 * HOUR,
        owner_ack: 10 * MIN + 4 * HOUR,
        on_site: 10 * MIN + DAY,
        resolve: 10 * MIN + 3 * DAY,
      },
    ],
  ])('%s: centre stages from raise, owner stages from dispatch', (level, expected) => {
    const dispatched = alarm(level, { reached: { raised: T0, dispatched: T0 + 10 * MIN } });
    expect(dues(dispatched)).toEqual(expected);
  });

  it('has only the centre stages before dispatch', () => {
    expect(Object.keys(dues(alarm('major')))).toEqual(['confirm', 'dispatch']);
  });

  it('has only the confirm stage for a dismissed alarm', () => {
    const dismissed = alarm('general', {
      state: 'dismissed',
      reached: { raised: T0, dismissed: T0 + 40 * MIN },
    });
    expect(dueTimes(dismissed)).toEqual([
      { stage: 'confirm', dueAt: T0 + 30 * MIN, doneAt: T0 + 40 * MIN, met: false },
    ]);
  });

  it.each<[string, number, Record<string, number>]>([
    [
      'blue raised Tuesday 10:00 → batch Wednesday 09:00, dispatch Thursday 09:00',
      T0,
      { confirm: 23 * HOUR, dispatch: 47 * HOUR },
    ],
    [
      'blue raised Friday 10:00 → batch Saturday 09:00, dispatch Monday 09:00',
      T0 + 3 * DAY,
      { confirm: 3 * DAY + 23 * HOUR, dispatch: 5 * DAY + 23 * HOUR },
    ],
    [
      'blue raised Tuesday 08:00 → batch Tuesday 09:00, dispatch Wednesday 09:00',
      T0 - 2 * HOUR,
      { confirm: -HOUR, dispatch: 23 * HOUR },
    ],
  ])('%s', (_label, raisedAt, expected) => {
    expect(dues(alarm('low', { raisedAt, reached: { raised: raisedAt } }))).toEqual(expected);
  });

  it('blue owner stages: acknowledge in 1 day, resolve in 7, no on-site target', () => {
    expect(dues(alarm('low', { reached: { raised: T0, dispatched: T0 + DAY } }))).toMatchObject({
      owner_ack: 2 * DAY,
      resolve: 8 * DAY,
    });
    expect(dues(alarm('low', { reached: { raised: T0, dispatched: T0 + DAY } }))).not.toHaveProperty(
      'on_site',
    );
  });

  it.each<[string, Partial<WorkflowAlarm>, number, [SlaStage, number][]]>([
    ['nothing overdue at 4 min', {}, 4 * MIN, []],
    ['confirm overdue at 6 min', {}, 6 * MIN, [['confirm', MIN]]],
    [
      'confirm and dispatch overdue at 12 min',
      {},
      12 * MIN,
      [
        ['confirm', 7 * MIN],
        ['dispatch', 2 * MIN],
      ],
    ],
    [
      'verified late, dispatch overdue',
      { reached: { raised: T0, verified: T0 + 8 * MIN } },
      12 * MIN,
      [['dispatch', 2 * MIN]],
    ],
    [
      'owner has not accepted 25 min after dispatch',
      { reached: { raised: T0, dispatched: T0 + 5 * MIN } },
      30 * MIN,
      [['owner_ack', 15 * MIN]],
    ],
    [
      'everything done',
      {
        reached: {
          raised: T0,
          dispatched: T0 + MIN,
          accepted: T0 + 2 * MIN,
          on_site: T0 + 3 * MIN,
          resolved: T0 + HOUR,
        },
      },
      9 * HOUR,
      [],
    ],
  ])('major: %s', (_label, over, at, expected) => {
    expect(overdue(alarm('major', over), T0 + at).map((o) => [o.stage, o.overdueByMs])).toEqual(expected);
  });

  it.each<[string, Partial<WorkflowAlarm>, number, { stage: SlaStage; at: number; overdue: boolean } | null]>(
    [
      ['the first pending stage', {}, MIN, { stage: 'confirm', at: T0 + 5 * MIN, overdue: false }],
      ['an overdue stage', {}, 6 * MIN, { stage: 'confirm', at: T0 + 5 * MIN, overdue: true }],
      [
        'skips stages already escalated',
        { escalatedStages: ['confirm'] },
        6 * MIN,
        { stage: 'dispatch', at: T0 + 10 * MIN, overdue: false },
      ],
      [
        'waits for the end of a shelve',
        { shelvedUntil: T0 + 20 * MIN },
        6 * MIN,
        { stage: 'confirm', at: T0 + 20 * MIN, overdue: false },
      ],
      ['nothing while out of service', { outOfService: true }, 6 * MIN, null],
      ['nothing once closed', { state: 'closed' }, 6 * MIN, null],
    ],
  )('nextEscalation: %s', (_label, over, at, expected) => {
    const result = nextEscalation(alarm('major', over), T0 + at);
    expect(result && { ...result, at: result.at }).toEqual(expected);
  });
});
