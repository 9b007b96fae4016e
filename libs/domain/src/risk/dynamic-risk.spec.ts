import type { RiskLevel } from '#contracts';
import type { DynamicRiskInput } from './dynamic-risk-config.js';
import { assessDynamicRisk } from './dynamic-risk.js';
import { DAY, dynamicInput, NOW, openAlarm } from './dynamic-risk.fixture.js';

describe('dynamic risk (DOMAIN.md §b.2)', () => {
  it.each<[string, Partial<DynamicRiskInput>, number, number, RiskLevel, string[]]>([
    ['no adjustment keeps the static score', {}, 4, 4, 'larger', []],
    [
      'a dismissed yellow (biogas) counts 0 — §b.3 day 0',
      { openAlarms: [openAlarm({ falseAlarm: true, confirmed: false })] },
      4,
      4,
      'larger',
      [],
    ],
    [
      'a confirmed red adds +2, clamped to 5 — §b.3 day 3',
      { openAlarms: [openAlarm({ level: 'major', value: 31, threshold: 25 })] },
      5,
      4,
      'major',
      ['alarm.red'],
    ],
    [
      'a confirmed orange adds +1',
      { static: { likelihood: 2, severity: 3 }, openAlarms: [openAlarm({ level: 'larger', value: 27 })] },
      3,
      3,
      'larger',
      ['alarm.orange'],
    ],
    [
      'an unconfirmed orange adds nothing',
      {
        static: { likelihood: 2, severity: 3 },
        openAlarms: [openAlarm({ level: 'larger', confirmed: false })],
      },
      2,
      3,
      'general',
      [],
    ],
    [
      '3 confirmed yellows in 30 days add +1',
      { static: { likelihood: 2, severity: 3 }, confirmedYellowCount30d: 3 },
      3,
      3,
      'larger',
      ['alarm.yellow_count'],
    ],
    [
      '2 confirmed yellows add nothing',
      { static: { likelihood: 2, severity: 3 }, confirmedYellowCount30d: 2 },
      2,
      3,
      'general',
      [],
    ],
    [
      'red and orange do not add up',
      {
        static: { likelihood: 1, severity: 3 },
        openAlarms: [
          openAlarm({ level: 'larger' }),
          openAlarm({ alarmId: 'A2', level: 'major', value: 55, adjacentConfinedSpace: false }),
        ],
      },
      3,
      3,
      'larger',
      ['alarm.red'],
    ],
    [
      'a sustained adverse trend adds +1',
      {
        static: { likelihood: 2, severity: 2 },
        trends: [{ key: 'bridge.creep', adverse: true, value: 3.4, threshold: 3 }],
      },
      3,
      2,
      'general',
      ['trend'],
    ],
    [
      'a trend that is not adverse adds nothing',
      {
        static: { likelihood: 2, severity: 2 },
        trends: [{ key: 'bridge.creep', adverse: false, value: 1, threshold: 3 }],
      },
      2,
      2,
      'general',
      [],
    ],
    [
      'excavation 8 m away adds +1',
      {
        static: { likelihood: 2, severity: 2 },
        externalEvents: [
          { id: 'E1', kind: 'excavation', distanceM: 8, reportedAt: NOW - DAY, source: '12345' },
        ],
      },
      3,
      2,
      'general',
      ['external.excavation'],
    ],
    [
      'excavation 15 m away adds nothing',
      {
        static: { likelihood: 2, severity: 2 },
        externalEvents: [
          { id: 'E1', kind: 'excavation', distanceM: 15, reportedAt: NOW - DAY, source: '12345' },
        ],
      },
      2,
      2,
      'general',
      [],
    ],
    [
      'finished excavation adds nothing',
      {
        static: { likelihood: 2, severity: 2 },
        externalEvents: [
          {
            id: 'E1',
            kind: 'excavation',
            distanceM: 2,
            reportedAt: NOW - 9 * DAY,
            endsAt: NOW - DAY,
            source: 'inspection',
          },
        ],
      },
      2,
      2,
      'general',
      [],
    ],
    [
      'a subsidence report against the asset adds +1',
      {
        static: { likelihood: 2, severity: 2 },
        externalEvents: [{ id: 'S1', kind: 'subsidence', reportedAt: NOW - DAY, source: '12319' }],
      },
      3,
      2,
      'general',
      ['external.subsidence'],
    ],
  ])('%s', (_label, over, likelihood, severity, level, keys) => {
    const result = assessDynamicRisk(dynamicInput(over));
    expect({ likelihood: result.likelihood, severity: result.severity, level: result.level }).toEqual({
      likelihood,
      severity,
      level,
    });
    expect(result.factors.map((f) => f.key)).toEqual(keys);
  });

  it('records the source of an alarm factor', () => {
    const result = assessDynamicRisk(
      dynamicInput({ openAlarms: [openAlarm({ alarmId: 'A9', level: 'major', value: 31, threshold: 25 })] }),
    );
    expect(result.factors[0]).toEqual({
      key: 'alarm.red',
      dimension: 'likelihood',
      delta: 2,
      source: {
        alarmId: 'A9',
        deviceId: 'GAS-DEV-1',
        metric: 'ch4_lel',
        value: 31,
        threshold: 25,
        ruleId: 'gas.ch4_lel',
      },
    });
  });
});
