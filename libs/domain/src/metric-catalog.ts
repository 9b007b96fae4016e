import type { Domain } from '#contracts';

/**
 * The metric catalog (CONTRACT.md §4): a metric's name fixes its unit. `min`/`max` are the physical
 * range a working sensor can report; a value outside it is a faulty reading and is rejected at ingest
 * (alarm thresholds live in the rule defaults, not here). Ranges follow DOMAIN.md §a where it gives a
 * sensor span (drainage radar 0–7 m [S29]; RSSI −150…0 dBm [S31]); the others are generous envelopes
 * around the "typical range" columns (ASSUMPTION).
 */
export interface MetricSpec {
  name: string;
  unit: string;
  min: number;
  max: number;
  /** Integer-valued flags such as c2h6_present. */
  integer?: boolean;
  description: string;
}

const m = (name: string, unit: string, min: number, max: number, description: string, integer = false): MetricSpec => ({
  name,
  unit,
  min,
  max,
  description,
  ...(integer ? { integer } : {}),
});

export const METRIC_CATALOG: Readonly<Record<Domain, readonly MetricSpec[]>> = {
  gas: [
    m('ch4_lel', '%LEL', 0, 100, 'methane in adjacent underground space, % of LEL (1 %LEL = 500 ppm)'),
    m('c2h6_present', 'flag', 0, 1, 'ethane detected (natural gas, not biogas)', true),
    m('pressure_mpa', 'MPa', 0, 4, 'pipeline pressure'),
    m('temperature_c', '°C', -40, 80, 'manhole temperature'),
    m('cover_tilt_deg', '°', 0, 180, 'manhole cover tilt'),
  ],
  heating: [
    m('supply_pressure_mpa', 'MPa', 0, 2.5, 'primary supply pressure'),
    m('return_pressure_mpa', 'MPa', 0, 2.5, 'primary return pressure'),
    m('supply_temp_c', '°C', -20, 200, 'supply temperature'),
    m('return_temp_c', '°C', -20, 200, 'return temperature'),
    m('makeup_flow_th', 't/h', 0, 2000, 'make-up water flow'),
    m('well_temp_c', '°C', -40, 120, 'inspection-well air temperature'),
  ],
  water: [
    m('pressure_mpa', 'MPa', 0, 2.5, 'network pressure'),
    m('flow_m3h', 'm³/h', 0, 50000, 'flow'),
    m('leak_noise_db', 'dB', 0, 140, 'acoustic leak noise'),
    m('turbidity_ntu', 'NTU', 0, 1000, 'turbidity'),
  ],
  drainage: [
    m('level_m', 'm', 0, 7, 'manhole water level (radar span 0–7 m)'),
    m('freeboard_m', 'm', -2, 10, 'distance from water surface to ground (空高); negative = overflow'),
    m('flow_m3h', 'm³/h', 0, 100000, 'flow'),
    m('rain_mm_h', 'mm/h', 0, 500, 'rainfall intensity'),
    m('ponding_cm', 'cm', 0, 300, 'road ponding depth'),
    m('h2s_mgm3', 'mg/m³', 0, 1000, 'hydrogen sulphide in sewer'),
  ],
  bridge: [
    m('strain_ue', 'με', -5000, 5000, 'strain'),
    m('deflection_mm', 'mm', -1000, 1000, 'mid-span deflection'),
    m('tilt_permille', '‰', -100, 100, 'pier/tower tilt'),
    m('accel_rms_ms2', 'm/s²', 0, 50, '1-min RMS acceleration'),
    m('freq_hz', 'Hz', 0, 100, 'first modal frequency'),
    m('crack_mm', 'mm', 0, 50, 'crack width'),
    m('vehicle_t', 't', 0, 500, 'vehicle gross weight (WIM)'),
  ],
  tunnel: [
    m('temperature_c', '°C', -40, 100, 'cabin temperature'),
    m('humidity_pct', '%RH', 0, 100, 'relative humidity'),
    m('o2_pct', '%VOL', 0, 100, 'oxygen'),
    m('h2s_mgm3', 'mg/m³', 0, 1000, 'hydrogen sulphide'),
    m('ch4_lel', '%LEL', 0, 100, 'methane, gas cabin'),
    m('sump_level_m', 'm', 0, 10, 'sump water level'),
  ],
};

/** Device-health fields carried beside the metrics (DOMAIN.md §a.7). */
export const HEALTH_RANGES = {
  battery_pct: { min: 0, max: 100 },
  rssi_dbm: { min: -150, max: 0 },
} as const;

const BY_DOMAIN: ReadonlyMap<Domain, ReadonlyMap<string, MetricSpec>> = new Map(
  (Object.keys(METRIC_CATALOG) as Domain[]).map((d) => [d, new Map(METRIC_CATALOG[d].map((s) => [s.name, s]))]),
);

/** The spec of `metric` in `domain`, or undefined when the catalog has no such metric there. */
export function metricSpec(domain: Domain, metric: string): MetricSpec | undefined {
  return BY_DOMAIN.get(domain)?.get(metric);
}

/** Names of every metric the catalog defines for `domain`. */
export function metricNames(domain: Domain): string[] {
  return METRIC_CATALOG[domain].map((s) => s.name);
}
