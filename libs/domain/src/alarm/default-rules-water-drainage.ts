import { RULE_DEFAULTS, type AlarmRule } from './alarm-rules.js';

/**
 * Default rules for water supply (DOMAIN.md §a.3), drainage (§a.4) and device health (§a.7). Each rule cites
 * its DOMAIN.md row; `assumption: true` where DOMAIN.md marks a number ASSUMPTION or MEM.
 */

const MIN = 60_000;

export const WATER_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'water.pressure_mpa',
    domains: ['water'],
    metric: 'pressure_mpa',
    label: 'Network pressure',
    source:
      'DOMAIN.md §a.3 "Network pressure": orange below 0.14 MPa [S21]; red drop > 0.1 MPa in < 5 min (burst, ASSUMPTION)',
    assumption: true,
    conditions: [
      { id: 'floor', kind: 'below', inclusive: false, steps: [{ level: 'larger', value: 0.14 }] },
      {
        id: 'burst',
        kind: 'rate',
        change: 'drop',
        amount: 0.1,
        relative: false,
        withinMs: 5 * MIN,
        level: 'major',
      },
    ],
    deadband: 0.01,
  },
  {
    ...RULE_DEFAULTS,
    id: 'water.turbidity_ntu',
    domains: ['water'],
    metric: 'turbidity_ntu',
    label: 'Turbidity',
    source:
      'DOMAIN.md §a.3 "Water quality": turbidity > 1 NTU (GB 5749-2022, MEM); colour and 2-reading on-delay ASSUMPTION',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'above', inclusive: false, steps: [{ level: 'general', value: 1 }] }],
    deadband: 0.1,
    onDelay: { readings: 2, ms: 0 },
  },
  {
    ...RULE_DEFAULTS,
    id: 'water.leak_noise_db',
    domains: ['water'],
    metric: 'leak_noise_db',
    label: 'Acoustic leak noise (night)',
    source:
      'DOMAIN.md §a.3 "Acoustic leak noise": yellow 1 logger anomalous; orange ≥ 3 consecutive nights or two neighbouring loggers (Hefei [S5]); the 40 dB "anomalous" level is ASSUMPTION (calibrate per logger)',
    assumption: true,
    conditions: [
      { id: 'anomalous', kind: 'above', inclusive: true, steps: [{ level: 'general', value: 40 }] },
    ],
    repeat: { readings: 3, level: 'larger' },
    corroborations: [{ kind: 'neighbours', minNeighbours: 1, level: 'larger' }],
  },
];

export const DRAINAGE_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'drainage.freeboard_m',
    domains: ['drainage'],
    metric: 'freeboard_m',
    label: 'Manhole freeboard (空高)',
    source:
      'DOMAIN.md §a.4 "Manhole water level": freeboard ≤ 0.5 m warning, ≤ 0.3 m alarm [S31]; red = overflow, level ≥ ground (ASSUMPTION)',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'below',
        inclusive: true,
        steps: [
          { level: 'general', value: 0.5 },
          { level: 'larger', value: 0.3 },
          { level: 'major', value: 0 },
        ],
      },
    ],
    deadband: 0.05,
  },
  {
    ...RULE_DEFAULTS,
    id: 'drainage.level_m',
    domains: ['drainage'],
    metric: 'level_m',
    label: 'Manhole water level: full pipe and rate of rise',
    source:
      'DOMAIN.md §a.4: full pipe = level ≥ 100 % of diameter; rise > 0.5 m/min over 5 min (example [S31]); colour ASSUMPTION',
    assumption: true,
    conditions: [
      {
        id: 'full_pipe',
        kind: 'above',
        inclusive: true,
        steps: [{ level: 'general', value: { ref: 'diameter_mm', percent: 100, scale: 0.001 } }],
      },
      {
        id: 'rise',
        kind: 'rate',
        change: 'rise',
        amount: 2.5,
        relative: false,
        withinMs: 5 * MIN,
        level: 'general',
      },
    ],
    deadband: 0.05,
  },
  {
    ...RULE_DEFAULTS,
    id: 'drainage.ponding_cm',
    domains: ['drainage'],
    metric: 'ponding_cm',
    label: 'Road ponding depth',
    source:
      'DOMAIN.md §a.4 "Road ponding depth": light 3–10, moderate 10–25, severe > 25 cm → yellow/orange/red [S32]',
    assumption: false,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        steps: [
          { level: 'general', value: 3 },
          { level: 'larger', value: 10 },
          { level: 'major', value: 25, inclusive: false },
        ],
      },
    ],
    deadband: 1,
  },
  {
    ...RULE_DEFAULTS,
    id: 'drainage.rain_mm_h',
    domains: ['drainage'],
    metric: 'rain_mm_h',
    label: 'Short-duration heavy rain (pre-alert)',
    source:
      'DOMAIN.md §a.4 "Rainfall": > 50 mm/h = pre-alert (ASSUMPTION, example [S33]); blue = informational',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'above', inclusive: false, steps: [{ level: 'low', value: 50 }] }],
    deadband: 5,
  },
  {
    ...RULE_DEFAULTS,
    id: 'drainage.h2s_mgm3',
    domains: ['drainage'],
    metric: 'h2s_mgm3',
    label: 'Sewer H2S',
    source: 'DOMAIN.md §a.4 "Sewer H2S": ≥ 10 mg/m³ exceeds the limit (GBZ 2.1, [S13]); colour ASSUMPTION',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'above', inclusive: true, steps: [{ level: 'general', value: 10 }] }],
    deadband: 1,
  },
];

/** Device health (DOMAIN.md §a.7): blue alarms in every domain. */
export const DEVICE_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'device.battery_pct',
    domains: ['gas', 'heating', 'water', 'drainage', 'bridge', 'tunnel'],
    metric: 'battery_pct',
    label: 'Battery low',
    source: 'DOMAIN.md §a.7 "Battery": alarm < 20 % (ASSUMPTION); device health is blue (§c.1)',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'below', inclusive: false, steps: [{ level: 'low', value: 20 }] }],
    deadband: 2,
  },
  {
    ...RULE_DEFAULTS,
    id: 'device.rssi_dbm',
    domains: ['gas', 'heating', 'water', 'drainage', 'bridge', 'tunnel'],
    metric: 'rssi_dbm',
    label: 'Weak signal',
    source:
      'DOMAIN.md §a.7 "Signal strength": weak below −105 dBm (ASSUMPTION); 3-reading on-delay ASSUMPTION',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'below', inclusive: false, steps: [{ level: 'low', value: -105 }] }],
    deadband: 3,
    onDelay: { readings: 3, ms: 0 },
  },
];
