import { RULE_DEFAULTS, type AlarmRule, type LevelStep, type ThresholdValue } from './alarm-rules.js';

/**
 * Default rules for bridges (DOMAIN.md §a.5) and utility tunnels (§a.6). Percent-of-design thresholds
 * read the asset's census attributes; baselines are rule parameters set per asset.
 */

const pct = (ref: string, yellow: number, orange: number, red: number): LevelStep<ThresholdValue>[] => [
  { level: 'general', value: { ref, percent: yellow } },
  { level: 'larger', value: { ref, percent: orange } },
  { level: 'major', value: { ref, percent: red } },
];

export const BRIDGE_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'bridge.strain_ue',
    domains: ['bridge'],
    metric: 'strain_ue',
    label: 'Strain vs design allowable',
    source:
      'DOMAIN.md §a.5 "Strain": ≥ 70 / 85 / 100 % of design allowable (ASSUMPTION); reads design_strain_ue',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        absolute: true,
        steps: pct('design_strain_ue', 70, 85, 100),
      },
    ],
  },
  {
    ...RULE_DEFAULTS,
    id: 'bridge.deflection_mm',
    domains: ['bridge'],
    metric: 'deflection_mm',
    label: 'Mid-span deflection vs limit',
    source:
      'DOMAIN.md §a.5 "Deflection": 80 / 90 / 100 % of the live-load limit (ASSUMPTION; L/600 limit JTG 3362, MEM); reads deflection_limit_mm',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        absolute: true,
        steps: pct('deflection_limit_mm', 80, 90, 100),
      },
    ],
  },
  {
    ...RULE_DEFAULTS,
    id: 'bridge.crack_mm',
    domains: ['bridge'],
    metric: 'crack_mm',
    label: 'Crack width and growth',
    source:
      'DOMAIN.md §a.5 "Crack width": width > 0.25 mm or growth > 0.01 mm/day (module example [S30]); colour ASSUMPTION',
    assumption: true,
    conditions: [
      { id: 'width', kind: 'above', inclusive: false, steps: [{ level: 'general', value: 0.25 }] },
      {
        id: 'growth',
        kind: 'rate',
        change: 'rise',
        amount: 0.01,
        relative: false,
        withinMs: 86_400_000,
        level: 'general',
      },
    ],
    deadband: 0.01,
  },
  {
    ...RULE_DEFAULTS,
    id: 'bridge.tilt_permille',
    domains: ['bridge'],
    metric: 'tilt_permille',
    label: 'Pier/tower tilt above baseline',
    source:
      'DOMAIN.md §a.5 "Tilt": 1 ‰ / 2 ‰ / 3 ‰ above baseline (ASSUMPTION); baseline = parameter tilt_baseline_permille',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        absolute: true,
        baseline: { ref: 'tilt_baseline_permille', percent: 100 },
        steps: [
          { level: 'general', value: 1 },
          { level: 'larger', value: 2 },
          { level: 'major', value: 3 },
        ],
      },
    ],
    deadband: 0.1,
    params: { tilt_baseline_permille: 0 },
  },
  {
    ...RULE_DEFAULTS,
    id: 'bridge.vehicle_t',
    domains: ['bridge'],
    metric: 'vehicle_t',
    label: 'Overweight vehicle (WIM)',
    source:
      'DOMAIN.md §a.5 "Vehicle weight": level 1 = 85 t, level 2 = 95 t (report template [S36]); mapped to yellow/orange (ASSUMPTION)',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        steps: [
          { level: 'general', value: 85 },
          { level: 'larger', value: 95 },
        ],
      },
    ],
  },
  {
    ...RULE_DEFAULTS,
    id: 'bridge.freq_hz',
    domains: ['bridge'],
    metric: 'freq_hz',
    label: 'First modal frequency drop vs baseline',
    source:
      'DOMAIN.md §a.5 "Acceleration / vibration": drop ≥ 5 / 10 / 15 % vs baseline (public module [S30]); needs the parameter freq_baseline_hz',
    assumption: false,
    conditions: [
      { id: 'ladder', kind: 'below', inclusive: true, steps: pct('freq_baseline_hz', 95, 90, 85) },
    ],
  },
];

export const TUNNEL_RULES: readonly AlarmRule[] = [
  {
    ...RULE_DEFAULTS,
    id: 'tunnel.temperature_c',
    domains: ['tunnel'],
    metric: 'temperature_c',
    label: 'Cabin temperature',
    source: 'DOMAIN.md §a.6 "Temperature": > 40 °C (GB/T 51274 as reproduced [S37]); colour ASSUMPTION',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'above', inclusive: false, steps: [{ level: 'general', value: 40 }] }],
    deadband: 1,
  },
  {
    ...RULE_DEFAULTS,
    id: 'tunnel.humidity_pct',
    domains: ['tunnel'],
    metric: 'humidity_pct',
    label: 'Cabin humidity above design',
    source:
      'DOMAIN.md §a.6 "Humidity": above the design value [S37]; needs the parameter humidity_design_pct; colour ASSUMPTION',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: false,
        steps: [{ level: 'general', value: { ref: 'humidity_design_pct', percent: 100 } }],
      },
    ],
    deadband: 2,
  },
  {
    ...RULE_DEFAULTS,
    id: 'tunnel.o2_pct',
    domains: ['tunnel'],
    metric: 'o2_pct',
    label: 'Oxygen',
    source:
      'DOMAIN.md §a.6 "O2": below 19.5 or above 23.5 %VOL (ASSUMPTION; [S37] prints 18–22, [S11] 19.5–23.5); colour ASSUMPTION',
    assumption: true,
    conditions: [{ id: 'band', kind: 'outside', bands: [{ level: 'larger', low: 19.5, high: 23.5 }] }],
    deadband: 0.2,
  },
  {
    ...RULE_DEFAULTS,
    id: 'tunnel.h2s_mgm3',
    domains: ['tunnel'],
    metric: 'h2s_mgm3',
    label: 'Cabin H2S',
    source: 'DOMAIN.md §a.6 "H2S": ≥ 10 mg/m³ [S37]; orange because people work in the cabin (ASSUMPTION)',
    assumption: true,
    conditions: [{ id: 'ladder', kind: 'above', inclusive: true, steps: [{ level: 'larger', value: 10 }] }],
    deadband: 1,
  },
  {
    ...RULE_DEFAULTS,
    id: 'tunnel.ch4_lel',
    domains: ['tunnel'],
    metric: 'ch4_lel',
    label: 'Gas cabin CH4',
    source:
      'DOMAIN.md §a.1/§a.6 "Utility-tunnel gas cabin CH4": alarm + ventilation at 20 %LEL, emergency shut-off at 25 %LEL (GB 50838 [S12]); alarm = orange (ASSUMPTION)',
    assumption: false,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        steps: [
          { level: 'larger', value: 20 },
          { level: 'major', value: 25 },
        ],
      },
    ],
    deadband: 2,
  },
  {
    ...RULE_DEFAULTS,
    id: 'tunnel.sump_level_m',
    domains: ['tunnel'],
    metric: 'sump_level_m',
    label: 'Sump water level',
    source:
      'DOMAIN.md §a.6 "Sump water level": high starts pumps (blue notice), high-high = orange (ASSUMPTION); needs sump_high_m and sump_high_high_m',
    assumption: true,
    conditions: [
      {
        id: 'ladder',
        kind: 'above',
        inclusive: true,
        steps: [
          { level: 'low', value: { ref: 'sump_high_m', percent: 100 } },
          { level: 'larger', value: { ref: 'sump_high_high_m', percent: 100 } },
        ],
      },
    ],
    deadband: 0.05,
  },
];
