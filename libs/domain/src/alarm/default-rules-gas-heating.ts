import { RULE_DEFAULTS, type AlarmRule } from './alarm-rules.js';

/**
 * Default rules for gas (DOMAIN.md §a.1) and heating (§a.2). Each rule cites
 * its DOMAIN.md row; `assumption: true` where DOMAIN.md marks a number ASSUMPTION or MEM.
 */

const MIN = 60_000;

export const GAS_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'gas.ch4_lel',
    domains: ['gas'],
    metric: 'ch4_lel',
    label: 'CH4 in adjacent underground space',
    source:
      'DOMAIN.md §a.1 "CH4 in adjacent manholes": yellow ≥ 10 %LEL (ASSUMPTION); orange ≥ 25 / red ≥ 50 %LEL (GB/T 50493 caps [S10][S11]); ≥ 25 rising for 3 readings → red (ASSUMPTION); ethane confirmation +1 level (ASSUMPTION)',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        steps: [
          { level: 'general', value: 10 },
          { level: 'larger', value: 25 },
          { level: 'major', value: 50 },
        ],
      },
      { id: 'rising', kind: 'rising', atLeast: 25, readings: 3, level: 'major' },
    ],
    deadband: 2, // ASSUMPTION: clears 2 %LEL below a threshold (background 0–5 %LEL, DOMAIN.md §a.1)
    corroborations: [{ kind: 'flag', metric: 'c2h6_present', steps: 1, maxSkewMs: 15 * MIN }], // 15-min upload cycle (§a.1, ASSUMPTION)
  },
  {
    ...RULE_DEFAULTS,
    id: 'gas.cover_tilt_deg',
    domains: ['gas'],
    metric: 'cover_tilt_deg',
    label: 'Manhole cover tilt',
    source:
      'DOMAIN.md §a.1 "Manhole cover tilt": alarm > 10° (configurable), unconditional > 90° [S14]; colours ASSUMPTION',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: false,
        steps: [
          { level: 'general', value: 10 },
          { level: 'larger', value: 90 },
        ],
      },
    ],
    deadband: 1,
  },
  {
    ...RULE_DEFAULTS,
    id: 'gas.pressure_mpa',
    domains: ['gas'],
    metric: 'pressure_mpa',
    label: 'Gas pipeline pressure',
    source:
      'DOMAIN.md §a.1 "Pipeline pressure": yellow deviation > ±10 %, orange > ±20 % of setpoint; red drop > 30 % in 5 min (all ASSUMPTION). The deviation needs the asset parameter setpoint_mpa.',
    assumption: true,
    conditions: [
      {
        id: 'deviation',
        kind: 'outside',
        bands: [
          {
            level: 'general',
            low: { ref: 'setpoint_mpa', percent: 90 },
            high: { ref: 'setpoint_mpa', percent: 110 },
          },
          {
            level: 'larger',
            low: { ref: 'setpoint_mpa', percent: 80 },
            high: { ref: 'setpoint_mpa', percent: 120 },
          },
        ],
      },
      {
        id: 'drop',
        kind: 'rate',
        change: 'drop',
        amount: 30,
        relative: true,
        withinMs: 5 * MIN,
        level: 'major',
      },
    ],
  },
];

export const HEATING_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'heating.return_pressure_mpa',
    domains: ['heating'],
    metric: 'return_pressure_mpa',
    label: 'Primary return pressure',
    source:
      'DOMAIN.md §a.2: red when return pressure < 50 kPa (GB 55010-2021 §4.1.7 [S18]); orange drop > 0.05 MPa in 10 min (ASSUMPTION; the make-up-flow confirmation needs a second metric and is not part of this single-metric rule)',
    assumption: true,
    conditions: [
      { id: 'floor', kind: 'below', inclusive: false, steps: [{ level: 'major', value: 0.05 }] },
      {
        id: 'drop',
        kind: 'rate',
        change: 'drop',
        amount: 0.05,
        relative: false,
        withinMs: 10 * MIN,
        level: 'larger',
      },
    ],
    deadband: 0.01,
  },
  {
    ...RULE_DEFAULTS,
    id: 'heating.supply_pressure_mpa',
    domains: ['heating'],
    metric: 'supply_pressure_mpa',
    label: 'Primary supply pressure drop',
    source: 'DOMAIN.md §a.2: orange drop > 0.05 MPa in 10 min (ASSUMPTION)',
    assumption: true,
    conditions: [
      {
        id: 'drop',
        kind: 'rate',
        change: 'drop',
        amount: 0.05,
        relative: false,
        withinMs: 10 * MIN,
        level: 'larger',
      },
    ],
  },
  {
    ...RULE_DEFAULTS,
    id: 'heating.well_temp_c',
    domains: ['heating'],
    metric: 'well_temp_c',
    label: 'Inspection-well air temperature',
    source:
      'DOMAIN.md §a.2 "Inspection-well air temperature": yellow > 40, orange > 50, red > 60 °C (ASSUMPTION)',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: false,
        steps: [
          { level: 'general', value: 40 },
          { level: 'larger', value: 50 },
          { level: 'major', value: 60 },
        ],
      },
    ],
    deadband: 2,
  },
  {
    ...RULE_DEFAULTS,
    id: 'heating.makeup_flow_th',
    domains: ['heating'],
    metric: 'makeup_flow_th',
    label: 'Make-up water flow vs 7-day baseline',
    source:
      'DOMAIN.md §a.2 "Make-up water flow": yellow > 1.5×, orange > 2× the 7-day baseline (ASSUMPTION). Needs the parameter makeup_baseline_th.',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: false,
        steps: [
          { level: 'general', value: { ref: 'makeup_baseline_th', percent: 150 } },
          { level: 'larger', value: { ref: 'makeup_baseline_th', percent: 200 } },
        ],
      },
    ],
  },
];
