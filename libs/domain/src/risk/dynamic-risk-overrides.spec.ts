import type { RiskLevel } from '#contracts';
import { DEFAULT_DYNAMIC_RISK_CONFIG, type DynamicRiskInput } from './dynamic-risk-config.js';
import { assessDynamicRisk, inSeason } from './dynamic-risk.js';
import { dynamicInput, openAlarm } from './dynamic-risk.fixture.js';

describe('dynamic risk overrides and seasons (DOMAIN.md §b.2)', () => {
  it.each<[string, Partial<DynamicRiskInput>, RiskLevel, RiskLevel, string[]]>([
    [
      'any open red forces ≥ larger, even unconfirmed',
      {
        static: { likelihood: 1, severity: 2 },
        openAlarms: [openAlarm({ level: 'major', confirmed: false, value: 30 })],
      },
      'low',
      'larger',
      ['override.red_alarm'],
    ],
    [
      'red ≥ 50 %LEL in a confined space forces major',
      {
        static: { likelihood: 1, severity: 2 },
        openAlarms: [openAlarm({ level: 'major', confirmed: false, value: 52, threshold: 50 })],
      },
      'low',
      'major',
      ['override.red_alarm', 'override.ch4_confined_space'],
    ],
    [
      '52 %LEL outside a confined space is only ≥ larger',
      {
        static: { likelihood: 1, severity: 2 },
        openAlarms: [
          openAlarm({ level: 'major', confirmed: false, value: 52, adjacentConfinedSpace: false }),
        ],
      },
      'low',
      'larger',
      ['override.red_alarm'],
    ],
    [
      'bridge strain ≥ 100 % of design forces major',
      {
        domain: 'bridge',
        static: { likelihood: 1, severity: 2 },
        attributes: { design_strain_ue: 500 },
        openAlarms: [
          openAlarm({
            metric: 'strain_ue',
            ruleId: 'bridge.strain_ue',
            level: 'major',
            confirmed: false,
            value: -510,
            threshold: 500,
          }),
        ],
      },
      'low',
      'major',
      ['override.red_alarm', 'override.bridge_design_exceeded'],
    ],
    [
      'bridge deflection at 95 % is only ≥ larger',
      {
        domain: 'bridge',
        static: { likelihood: 1, severity: 2 },
        attributes: { deflection_limit_mm: 100 },
        openAlarms: [openAlarm({ metric: 'deflection_mm', level: 'major', confirmed: false, value: 95 })],
      },
      'low',
      'larger',
      ['override.red_alarm'],
    ],
    [
      'a dismissed red forces nothing',
      {
        static: { likelihood: 1, severity: 2 },
        openAlarms: [openAlarm({ level: 'major', falseAlarm: true, value: 60 })],
      },
      'low',
      'low',
      [],
    ],
  ])('%s', (_label, over, scoreLevel, level, keys) => {
    const result = assessDynamicRisk(dynamicInput(over));
    expect(result.scoreLevel).toBe(scoreLevel);
    expect(result.level).toBe(level);
    expect(result.overrides.map((o) => o.key)).toEqual(keys);
  });

  it.each([
    ['10-14', Date.UTC(2026, 9, 14, 15, 59), false],
    ['10-15 00:00 local', Date.UTC(2026, 9, 14, 16, 0), true],
    ['01-20', Date.UTC(2026, 0, 20), true],
    ['04-15', Date.UTC(2026, 3, 15, 12), true],
    ['04-16', Date.UTC(2026, 3, 16, 12), false],
  ])('heating season on %s: %p', (_label, now, expected) => {
    const heating = DEFAULT_DYNAMIC_RISK_CONFIG.season.rules.find((r) => r.key === 'heating')!;
    expect(inSeason(heating, now, 480)).toBe(expected);
  });
});
