import {
  apply,
  autoActions,
  countsAsOpen,
  DEFAULT_RULES,
  evaluate,
  isConfirmed,
  noteCondition,
  overdue,
  raiseAlarm,
  resolveRules,
  type Actor,
  type EvaluationContext,
  type RuleState,
  type WorkflowAlarm,
  type WorkflowCommand,
} from '../alarm/index.js';
import type { OpenAlarmInfo } from './dynamic-risk-config.js';
import { assessDynamicRisk } from './dynamic-risk.js';
import { decideRiskTransition, type RiskState } from './risk-transition.js';
import { assessStaticRisk } from './static-risk.js';
import { WORKED_EXAMPLE } from './worked-example.fixture.js';

/**
 * DOMAIN.md §b.3 end to end: static 较大 → day 0 yellow dismissed as biogas → day 3 red with ethane →
 * 重大 → day 4 repaired, day 5 closed after 24 h of normal data → day 11 back to 较大.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DAY0 = Date.UTC(2026, 2, 2, 1, 0); // 2026-03-02 09:00 +08:00
const at = (day: number, hours = 0): number => DAY0 + day * DAY + hours * HOUR;

const OPERATOR: Actor = { id: 'analyst-1', role: 'operator' };
const SYSTEM: Actor = { id: 'scheduler', role: 'system' };
const OWNER: Actor = { id: 'gas-co-crew', role: 'utility', ownerUnitId: 'gas-co' };

const rule = resolveRules(DEFAULT_RULES, [], []).rules.find((r) => r.id === 'gas.ch4_lel')!;

function act(alarm: WorkflowAlarm, command: WorkflowCommand, actor: Actor, now: number): WorkflowAlarm {
  const result = apply(alarm, command, actor, now);
  if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
  return result.alarm;
}

const info = (alarm: WorkflowAlarm, value: number, threshold: number): OpenAlarmInfo => ({
  alarmId: alarm.id,
  deviceId: 'GAS-DEV-0001',
  ruleId: alarm.ruleId,
  metric: 'ch4_lel',
  level: alarm.level,
  value,
  threshold,
  confirmed: isConfirmed(alarm),
  falseAlarm: alarm.state === 'dismissed',
  adjacentConfinedSpace: true,
});

describe('DOMAIN.md §b.3 worked example, end to end', () => {
  const fixed = assessStaticRisk({
    domain: 'gas',
    kind: 'pipeline_segment',
    attributes: WORKED_EXAMPLE,
    assessmentYear: 2026,
  });
  const dynamicAt = (now: number, openAlarms: OpenAlarmInfo[]) =>
    assessDynamicRisk({
      domain: 'gas',
      static: { likelihood: fixed.likelihood, severity: fixed.severity },
      attributes: WORKED_EXAMPLE,
      openAlarms,
      confirmedYellowCount30d: 0,
      trends: [],
      externalEvents: [],
      blindSpotRatio: 0,
      cleanRecord: { monitoredSince: at(-30), lastConfirmedAlarmAt: null, lastInspectionPassedAt: null },
      nearbyEvents: [],
      now,
    });
  const ctx = (
    now: number,
    openAlarmIds: string[],
    openTicketIds: string[],
    lastAbnormalAt: number | null,
  ) => ({
    now,
    openAlarmIds,
    openTicketIds,
    lastTicketClosedAt: null,
    lastAbnormalAt,
    dataFresh: true,
  });

  it('walks from 较大 to 重大 and back to 较大 after the 7-day hysteresis', () => {
    expect(fixed).toMatchObject({ likelihood: 4, severity: 4, score: 16, level: 'larger' });
    let risk: RiskState = decideRiskTransition(null, dynamicAt(at(-1), []), ctx(at(-1), [], [], null)).state;
    let ruleState: RuleState | null = null;

    // Day 0: 12 %LEL, no ethane → yellow device alarm; the analyst dismisses it as biogas.
    const day0 = evaluate(
      ruleState,
      [
        { ts: at(0), value: 3 },
        { ts: at(0, 0.25), value: 12 },
      ],
      rule,
      at(0, 0.25),
    );
    ruleState = day0.state;
    expect(day0.transitions.map((t) => [t.kind, t.level])).toEqual([['raise', 'general']]);
    let yellow = raiseAlarm(
      {
        id: 'AL-0',
        assetId: 'GAS-SEG-0001',
        ownerUnitId: 'gas-co',
        ruleId: rule.id,
        level: 'general',
        reason: day0.transitions[0].reason,
      },
      at(0, 0.25),
    ).alarm;
    yellow = act(
      yellow,
      { type: 'dismiss', reason: 'biogas, not confirmed (no ethane)' },
      OPERATOR,
      at(0, 0.5),
    );
    const afterDay0 = decideRiskTransition(
      risk,
      dynamicAt(at(0, 0.5), [info(yellow, 12, 10)]),
      ctx(at(0, 0.5), [], [], at(0, 0.25)),
    );
    expect(afterDay0).toMatchObject({ changed: false, to: 'larger' });
    risk = afterDay0.state;
    ruleState = evaluate(ruleState, { ts: at(0, 1), value: 4 }, rule, at(0, 1)).state;

    // Day 3: 26 → 28 → 31 %LEL with ethane present → red alarm, dispatched at once (major skips verification).
    const ethane: EvaluationContext = { companions: { c2h6_present: { ts: at(3), value: 1 } } };
    const day3 = evaluate(
      ruleState,
      [26, 28, 31].map((value, i) => ({ ts: at(3) + i * 15 * MIN, value })),
      rule,
      at(3, 1),
      ethane,
    );
    ruleState = day3.state;
    expect(day3.transitions.map((t) => [t.kind, t.level])).toEqual([['raise', 'major']]);
    let red = raiseAlarm(
      {
        id: 'AL-3',
        assetId: 'GAS-SEG-0001',
        ownerUnitId: 'gas-co',
        ruleId: rule.id,
        level: 'major',
        reason: day3.transitions[0].reason,
      },
      at(3),
    ).alarm;
    for (const command of autoActions(red)) red = act(red, command, SYSTEM, at(3, 0.02));
    expect(red.state).toBe('dispatched');
    const dyn3 = dynamicAt(at(3, 0.5), [info(red, 31, 25)]);
    expect(dyn3).toMatchObject({ likelihood: 5, severity: 4, score: 20, level: 'major' });
    expect(dyn3.factors[0]).toMatchObject({
      key: 'alarm.red',
      delta: 2,
      source: { alarmId: 'AL-3', value: 31, threshold: 25 },
    });
    const up = decideRiskTransition(risk, dyn3, ctx(at(3, 0.5), [red.id], [red.id], at(3, 0.5)));
    expect(up).toMatchObject({ changed: true, from: 'larger', to: 'major', reason: 'upgrade' });
    risk = up.state;

    // The owner accepts and arrives in time but needs until day 4 to repair: the 4 h "make safe" SLA runs over.
    red = act(red, { type: 'accept', reason: 'crew assigned' }, OWNER, at(3, 0.12));
    red = act(red, { type: 'arrive', reason: 'on site' }, OWNER, at(3, 0.45));
    expect(overdue(red, at(3, 5)).map((o) => o.stage)).toEqual(['resolve']);

    // Day 4: joint repaired; readings < 5 %LEL clear the condition; the ticket is resolved, pending verification.
    const day4 = evaluate(ruleState, [{ ts: at(4), value: 4 }], rule, at(4));
    expect(day4.transitions.map((t) => t.kind)).toEqual(['clear']);
    red = noteCondition(red, false, at(4));
    red = act(red, { type: 'resolve', reason: 'joint replaced, photos attached' }, OWNER, at(4, 0.5));
    expect(countsAsOpen(red.state)).toBe(false);
    const hold4 = decideRiskTransition(
      risk,
      dynamicAt(at(4, 1), []),
      ctx(at(4, 1), [], [red.id], at(3, 23.9)),
    );
    expect(hold4).toMatchObject({ changed: false, to: 'major', reason: 'hold_quiet_period' });
    risk = hold4.state;

    // Day 5: closed after 24 h of normal data (not before).
    expect(apply(red, { type: 'close', reason: 'verified' }, SYSTEM, at(5, 0.4))).toMatchObject({
      ok: false,
      error: { code: 'VERIFICATION_WINDOW_NOT_MET' },
    });
    red = act(red, { type: 'close', reason: '24 h of normal data' }, SYSTEM, at(5, 0.5));
    expect(red.state).toBe('closed');

    // Day 10: still within the 7-day hysteresis; day 11: back to 较大.
    const hold10 = decideRiskTransition(
      risk,
      dynamicAt(at(10, 23), []),
      ctx(at(10, 23), [], [], at(3, 23.9)),
    );
    expect(hold10).toMatchObject({ changed: false, to: 'major', reason: 'hold_quiet_period' });
    // The quiet period counts from the first assessment below 重大 (day 4, 01:00).
    const down = decideRiskTransition(
      hold10.state,
      dynamicAt(at(11, 1), []),
      ctx(at(11, 1), [], [], at(3, 23.9)),
    );
    expect(down).toMatchObject({ changed: true, from: 'major', to: 'larger', reason: 'downgrade' });
    expect(down.state).toMatchObject({ level: 'larger', since: at(11, 1), verified: true });
  });
});
