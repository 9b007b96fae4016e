import type { RiskLevel } from '#contracts';
import type { DynamicRiskInput } from './dynamic-risk-config.js';
import { assessDynamicRisk } from './dynamic-risk.js';
import { DAY, dynamicInput, NOW } from './dynamic-risk.fixture.js';

describe('dynamic risk: blind spots, clean record, seasons, events (DOMAIN.md §b.2)', () => {
  it.each<[string, Partial<DynamicRiskInput>, number, number, RiskLevel, string[]]>([
    [
      'half the sensors offline > 24 h adds +1',
      { static: { likelihood: 2, severity: 2 }, blindSpotRatio: 0.5 },
      3,
      2,
      'general',
      ['blind'],
    ],
    [
      '40 % offline adds nothing',
      { static: { likelihood: 2, severity: 2 }, blindSpotRatio: 0.4 },
      2,
      2,
      'general',
      [],
    ],
    [
      'an asset without sensors has no blind-spot penalty',
      { static: { likelihood: 2, severity: 2 }, blindSpotRatio: null },
      2,
      2,
      'general',
      [],
    ],
    [
      '180 clean days and a passed inspection subtract 1',
      {
        static: { likelihood: 3, severity: 3 },
        cleanRecord: {
          monitoredSince: NOW - 400 * DAY,
          lastConfirmedAlarmAt: NOW - 200 * DAY,
          lastInspectionPassedAt: NOW - 30 * DAY,
        },
      },
      2,
      3,
      'general',
      ['clean'],
    ],
    [
      'clean credit never takes L below 1',
      {
        static: { likelihood: 1, severity: 3 },
        cleanRecord: {
          monitoredSince: NOW - 400 * DAY,
          lastConfirmedAlarmAt: null,
          lastInspectionPassedAt: NOW - DAY,
        },
      },
      1,
      3,
      'low',
      ['clean'],
    ],
    [
      'no clean credit with a confirmed alarm 100 days ago',
      {
        static: { likelihood: 3, severity: 3 },
        cleanRecord: {
          monitoredSince: NOW - 400 * DAY,
          lastConfirmedAlarmAt: NOW - 100 * DAY,
          lastInspectionPassedAt: NOW - DAY,
        },
      },
      3,
      3,
      'larger',
      [],
    ],
    [
      'no clean credit without a recent passed inspection',
      {
        static: { likelihood: 3, severity: 3 },
        cleanRecord: {
          monitoredSince: NOW - 900 * DAY,
          lastConfirmedAlarmAt: null,
          lastInspectionPassedAt: NOW - 400 * DAY,
        },
      },
      3,
      3,
      'larger',
      [],
    ],
    [
      'no clean credit for only 30 days of monitoring',
      {
        static: { likelihood: 3, severity: 3 },
        cleanRecord: {
          monitoredSince: NOW - 30 * DAY,
          lastConfirmedAlarmAt: null,
          lastInspectionPassedAt: NOW - DAY,
        },
      },
      3,
      3,
      'larger',
      [],
    ],
    [
      'heating season (wraps the year end) adds +1 to S',
      { domain: 'heating', static: { likelihood: 2, severity: 3 } },
      2,
      4,
      'general',
      ['season.heating'],
    ],
    [
      'no flood season for drainage in March',
      { domain: 'drainage', static: { likelihood: 2, severity: 3 } },
      2,
      3,
      'general',
      [],
    ],
    [
      'flood season for drainage in July',
      { domain: 'drainage', static: { likelihood: 2, severity: 3 }, now: Date.UTC(2026, 6, 20) },
      2,
      4,
      'general',
      ['season.flood'],
    ],
    [
      'no heating season for gas',
      { domain: 'gas', static: { likelihood: 2, severity: 3 } },
      2,
      3,
      'general',
      [],
    ],
    [
      'a crowd event nearby adds +1 to S',
      {
        static: { likelihood: 2, severity: 2 },
        nearbyEvents: [{ id: 'N1', name: 'marathon', startsAt: NOW - 1000, endsAt: NOW + 1000 }],
      },
      2,
      3,
      'general',
      ['event'],
    ],
    [
      'a finished event adds nothing',
      {
        static: { likelihood: 2, severity: 2 },
        nearbyEvents: [{ id: 'N1', name: 'marathon', startsAt: NOW - 2000, endsAt: NOW }],
      },
      2,
      2,
      'general',
      [],
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
});
