import type { DynamicRiskInput, OpenAlarmInfo } from './dynamic-risk-config.js';

/** Test data for the dynamic-risk specs (not exported from the library index). */

export const DAY = 86_400_000;
export const NOW = Date.UTC(2026, 2, 10, 4, 0); // 2026-03-10 12:00 +08:00

/** An open, confirmed yellow CH4 alarm in a manhole, with overrides. */
export const openAlarm = (over: Partial<OpenAlarmInfo>): OpenAlarmInfo => ({
  alarmId: 'A1',
  deviceId: 'GAS-DEV-1',
  ruleId: 'gas.ch4_lel',
  metric: 'ch4_lel',
  level: 'general',
  value: 12,
  threshold: 10,
  confirmed: true,
  falseAlarm: false,
  adjacentConfinedSpace: true,
  ...over,
});

/** The §b.3 gas main (L = 4, S = 4) with nothing happening, with overrides. */
export const dynamicInput = (over: Partial<DynamicRiskInput> = {}): DynamicRiskInput => ({
  domain: 'gas',
  static: { likelihood: 4, severity: 4 },
  attributes: {},
  openAlarms: [],
  confirmedYellowCount30d: 0,
  trends: [],
  externalEvents: [],
  blindSpotRatio: 0,
  cleanRecord: { monitoredSince: NOW - 30 * DAY, lastConfirmedAlarmAt: null, lastInspectionPassedAt: null },
  nearbyEvents: [],
  now: NOW,
  ...over,
});
